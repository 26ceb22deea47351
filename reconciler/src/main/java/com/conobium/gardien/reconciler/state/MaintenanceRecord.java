package com.conobium.gardien.reconciler.state;

import java.time.Instant;
import java.util.List;

/**
 * One stored maintenance run of a server and its operations' results.
 *
 * @param id the run's number; 0 before it is stored
 */
public record MaintenanceRecord(long id, String server, Instant started, Instant finished, boolean dryRun,
    List<Result> results) {
  public MaintenanceRecord {
    results = List.copyOf(results);
  }

  /**
   * One operation's result.
   *
   * @param verdict {@code ok}, {@code warning}, {@code failed} or {@code not applicable}
   * @param details JSON
   */
  public record Result(String operation, String verdict, String reason, String details) {}
}
