package com.conobium.gardien.reconciler.daemon;

import java.time.Duration;

/**
 * How the daemon paces itself.
 *
 * @param poll how often the config repository is fetched (a webhook fetches at once)
 * @param driftInterval how often each server is checked again although its manifest did not change
 * @param retryInterval how soon a server whose last run failed is tried again
 * @param parallel how many servers are handled at once
 * @param defaultMode the mode of servers whose manifest (and the Fleet defaults) set none
 * @param breakerOpen how long a server is left alone once its circuit breaker opened
 * @param breakerFailures how many unreachable runs in a row open a server's circuit breaker
 * @param shutdownGrace how long a stop waits for the servers in flight to finish
 */
public record DaemonSettings(
    Duration poll,
    Duration driftInterval,
    Duration retryInterval,
    int parallel,
    Mode defaultMode,
    Duration breakerOpen,
    int breakerFailures,
    Duration shutdownGrace) {
  public DaemonSettings {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
    }
    if (breakerFailures < 1) {
      throw new IllegalArgumentException("breaker failures must be at least 1, not " + breakerFailures);
    }
  }

  /** The defaults of {@code gardien run}. */
  public static DaemonSettings defaults() {
    return new DaemonSettings(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1), 8,
        Mode.APPLY, Duration.ofMinutes(5), 3, Duration.ofMinutes(10));
  }
}
