package com.conobium.gardien.reconciler.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a server runs, decided purely from what is remembered of it: at once when its desired state
 * is new or changed, again every drift interval, and sooner after a failure.
 */
final class Schedule {
  /** Why a server runs now. */
  enum Reason {
    /** First seen, or its effective manifest (or the fleet settings) changed. */
    SPEC_CHANGED,
    /** The drift interval passed since its last run. */
    DRIFT_CHECK,
    /** Its last run failed and the retry interval passed. */
    RETRY,
    /** An operator asked for it (the dashboard's "Reconcile now"). */
    REQUESTED
  }

  private final Duration driftInterval;
  private final Duration retryInterval;

  Schedule(Duration driftInterval, Duration retryInterval) {
    this.driftInterval = driftInterval;
    this.retryInterval = retryInterval;
  }

  /**
   * Why the server must run at {@code now}, or empty when it need not.
   *
   * @param previous what is remembered of it; null when it never ran
   * @param current its desired state in the revision in force
   */
  Optional<Reason> due(ServerState previous, SpecKey current, Instant now) {
    if (previous == null || !previous.key().equals(current)) {
      return Optional.of(Reason.SPEC_CHANGED);
    }
    Duration since = Duration.between(previous.lastStart(), now);
    if (previous.lastFailed() && since.compareTo(retryInterval) >= 0 && retryInterval.compareTo(driftInterval) < 0) {
      return Optional.of(Reason.RETRY);
    }
    if (since.compareTo(driftInterval) >= 0) {
      return Optional.of(Reason.DRIFT_CHECK);
    }
    return Optional.empty();
  }
}
