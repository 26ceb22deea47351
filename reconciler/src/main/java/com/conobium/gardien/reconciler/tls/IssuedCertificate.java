package com.conobium.gardien.reconciler.tls;

import java.time.Instant;

/**
 * A certificate an ACME server issued.
 *
 * @param fullchain the PEM chain, leaf first
 * @param privkey the PEM private key (never printed)
 * @param notAfter when the leaf expires
 */
public record IssuedCertificate(String fullchain, String privkey, Instant notAfter) {
  /** Masked: never the key. */
  @Override
  public String toString() {
    return "IssuedCertificate[notAfter=" + notAfter + ", privkey=****]";
  }
}
