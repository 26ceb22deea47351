package com.conobium.gardien.reconciler.tls;

/** An ACME order that did not end with a certificate; the message says where it stopped. */
public final class CertificateIssueException extends Exception {
  public CertificateIssueException(String message) {
    super(message);
  }

  public CertificateIssueException(String message, Throwable cause) {
    super(message, cause);
  }
}
