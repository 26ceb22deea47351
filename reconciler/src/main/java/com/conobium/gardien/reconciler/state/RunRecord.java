package com.conobium.gardien.reconciler.state;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished run of one server.
 *
 * @param id its number in the database; 0 before it is stored
 * @param server the server's name
 * @param revision the config repository revision it ran; null if unknown
 * @param started when it started
 * @param duration how long it took
 * @param reason why it ran: {@code spec_changed}, {@code drift_check} or {@code retry}
 * @param mode {@code apply} or {@code detect}
 * @param result its result, as in {@code gardien_reconcile_runs_total}
 * @param roundTrips how many remote commands it needed
 * @param driftCount how many changes the plan found
 * @param appliedCount how many changes were applied
 * @param failedCount how many changes or modules failed
 * @param error why it failed as a whole (unreachable, …); null otherwise
 */
public record RunRecord(long id, String server, String revision, Instant started, Duration duration,
    String reason, String mode, String result, int roundTrips, int driftCount, int appliedCount,
    int failedCount, String error) {
  /** The same run, numbered. */
  public RunRecord withId(long newId) {
    return new RunRecord(newId, server, revision, started, duration, reason, mode, result, roundTrips,
        driftCount, appliedCount, failedCount, error);
  }
}
