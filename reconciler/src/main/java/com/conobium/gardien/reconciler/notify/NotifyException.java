package com.conobium.gardien.reconciler.notify;

/** A notification that cannot be sent, or a relay that cannot be used; the message says why. */
public final class NotifyException extends RuntimeException {
  public NotifyException(String message) {
    super(message);
  }
}
