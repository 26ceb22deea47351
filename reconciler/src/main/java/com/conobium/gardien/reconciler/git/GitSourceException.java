package com.conobium.gardien.reconciler.git;

/** The config repository could not be fetched or read. The message names the URL, never a credential. */
public final class GitSourceException extends Exception {
  public GitSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
