package com.conobium.gardien.reconciler.ssh;

/** Talking to a server over SSH failed. */
public class SshException extends Exception {
  public SshException(String message) {
    super(message);
  }

  public SshException(String message, Throwable cause) {
    super(message, cause);
  }
}
