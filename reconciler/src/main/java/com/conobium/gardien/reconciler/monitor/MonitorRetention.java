package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.MonitorHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monitoring's history to its age: the failed checks of rounds for {@code keepRounds}
 * (400 days by default: a year and its month of comparison), the hourly counts and the ended
 * incidents for {@code keepHours}, which must be at least as long. The daemon calls {@link #prune()}
 * with the run history's prune (at start, then hourly).
 */
public final class MonitorRetention {
  private static final Logger log = LoggerFactory.getLogger(MonitorRetention.class);

  private final MonitorHistory history;
  private final Duration keepRounds;
  private final Duration keepHours;
  private final Clock clock;

  /**
   * @throws IllegalArgumentException when a duration is not positive, or the hours would go before
   *     the rounds they sum up
   */
  public MonitorRetention(MonitorHistory history, Duration keepRounds, Duration keepHours, Clock clock) {
    if (keepRounds.isNegative() || keepRounds.isZero() || keepHours.compareTo(keepRounds) < 0) {
      throw new IllegalArgumentException("the monitoring's rounds must be kept for some time and its hours at least"
          + " as long, not " + keepRounds + " and " + keepHours);
    }
    this.history = history;
    this.keepRounds = keepRounds;
    this.keepHours = keepHours;
    this.clock = clock;
  }

  /**
   * Deletes what is older than the retention. A failure is logged, not thrown, so that the next
   * prune tries again.
   *
   * @return what was deleted; empty when the database failed
   */
  public Optional<MonitorHistory.Pruned> prune() {
    Instant now = clock.instant();
    try {
      MonitorHistory.Pruned pruned = history.prune(now.minus(keepRounds), now.minus(keepHours));
      log.atInfo().addKeyValue("deleted_failed_checks", pruned.failures()).addKeyValue("deleted_hours", pruned.hours())
          .addKeyValue("deleted_incidents", pruned.incidents()).addKeyValue("keep_rounds", keepRounds)
          .addKeyValue("keep_hours", keepHours).log("monitoring history pruned");
      return Optional.of(pruned);
    } catch (RuntimeException e) { // StateException, or a pool already closed
      log.atWarn().addKeyValue("result", "prune_failed").addKeyValue("error", e.getMessage())
          .log("monitoring history not pruned");
      return Optional.empty();
    }
  }
}
