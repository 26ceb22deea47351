package com.conobium.gardien.reconciler.tls;

import java.time.Instant;
import java.util.List;

/**
 * What ordering one site's certificate gave.
 *
 * @param site the site
 * @param domains the domains ordered
 * @param reason why it was ordered (none yet, expiring, domains changed)
 * @param notAfter the new certificate's expiry; null when it failed
 * @param error why the order failed; null when it succeeded
 */
public record IssueResult(String site, List<String> domains, String reason, Instant notAfter, String error) {
  public IssueResult {
    domains = List.copyOf(domains);
  }

  public boolean issued() {
    return error == null;
  }
}
