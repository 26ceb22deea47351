package com.conobium.gardien.reconciler.secrets;

/**
 * The secret store cannot be read or written. Messages name files and servers, never a secret,
 * and never carry a cause whose message could quote decrypted text.
 */
public final class SecretStoreException extends IllegalStateException {
  public SecretStoreException(String message) {
    super(message);
  }

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
