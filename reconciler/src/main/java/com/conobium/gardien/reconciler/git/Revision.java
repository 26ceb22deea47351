package com.conobium.gardien.reconciler.git;

import java.time.Instant;

/**
 * One commit of the config repository's branch.
 *
 * @param id the full commit id (40 hex digits)
 * @param committed when it was committed
 * @param subject the first line of its message
 */
public record Revision(String id, Instant committed, String subject) {
  /** The first 12 digits of the id, for people. */
  public String shortId() {
    return id.substring(0, Math.min(12, id.length()));
  }
}
