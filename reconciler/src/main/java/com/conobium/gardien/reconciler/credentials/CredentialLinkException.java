package com.conobium.gardien.reconciler.credentials;

/** A credential link could not be made, read, mailed or served. The message never holds a secret. */
public final class CredentialLinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CredentialLinkException(String message) {
    super(message);
  }

  public CredentialLinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
