package com.conobium.gardien.reconciler.git;

/** The trusted keys could not be read; the message names the file and what is wrong with it. */
public final class TrustedKeysException extends Exception {
  public TrustedKeysException(String message) {
    super(message);
  }
}
