package com.conobium.gardien.modules.tls;

import java.time.Instant;
import java.util.List;

/**
 * The certificates a server's sites should have.
 *
 * @param sites one entry per site whose certificate Gardien manages ({@code acme} or {@code provided})
 * @param now when the desired state was derived: the planner judges expiry against it, so it stays pure
 */
public record TlsDesired(List<SiteCertificate> sites, Instant now) {
  public TlsDesired {
    sites = List.copyOf(sites);
  }
}
