package com.conobium.gardien.modules.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The certificates a server's sites should have.
 *
 * @param sites one entry per site whose certificate Gardien manages ({@code acme} or {@code provided})
 * @param now when the desired state was derived: the planner judges expiry against it, so it stays pure
 * @param renewBefore the fleet's renewal window: a certificate expiring within it is due
 */
public record TlsDesired(List<SiteCertificate> sites, Instant now, Duration renewBefore) {
  /** With the default renewal window. */
  public TlsDesired(List<SiteCertificate> sites, Instant now) {
    this(sites, now, CertificateCheck.RENEW_BEFORE);
  }

  public TlsDesired {
    sites = List.copyOf(sites);
  }
}
