package com.conobium.gardien.reconciler.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * One maintenance run of one server: when, and each operation's result, in the order of the offer.
 *
 * @param dryRun whether upgrades and purge only said what they would do
 */
public record MaintenanceReport(String server, Instant started, Instant finished, boolean dryRun,
    List<OperationResult> results) {
  public MaintenanceReport {
    results = List.copyOf(results);
  }

  /** The results that need an operator's look. */
  public List<OperationResult> needingAttention() {
    return results.stream().filter(r -> r.verdict().needsAttention()).toList();
  }

  /** The worst verdict: failed, then warning, then ok (not applicable counts as ok). */
  public Verdict overall() {
    if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED)) {
      return Verdict.FAILED;
    }
    return results.stream().anyMatch(r -> r.verdict() == Verdict.WARNING) ? Verdict.WARNING : Verdict.OK;
  }
}
