package com.conobium.gardien.reconciler.state;

/** The state database could not be opened, migrated, read or written. */
public class StateException extends RuntimeException {
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
