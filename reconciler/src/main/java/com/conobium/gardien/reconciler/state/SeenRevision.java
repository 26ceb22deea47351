package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * A config repository revision the daemon saw, and what it made of it.
 *
 * @param revision the full commit id
 * @param committed when it was committed; null if unknown
 * @param subject the first line of its message
 * @param seen when the daemon offered it to its revision gate
 * @param verdict {@code accepted}, {@code rejected} (invalid) or {@code untrusted} (signature)
 * @param problems why it was refused, one a line ({@code file:line: field: message}); empty when accepted
 */
public record SeenRevision(String revision, Instant committed, String subject, Instant seen, String verdict,
    String problems) {
  public SeenRevision {
    problems = problems == null ? "" : problems;
  }
}
