package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.state.StateRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the run history of the state database to a given age: {@link #prune()} deletes the runs
 * (and their changes) that started longer than {@code keep} ago and logs how many went. The daemon
 * calls it at start and then about once an hour ({@link #EVERY}).
 */
public final class HistoryRetention {
  /** How often the daemon prunes. */
  public static final Duration EVERY = Duration.ofHours(1);

  private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

  private final StateRepository store;
  private final Duration keep;
  private final Clock clock;

  /**
   * @param keep how long a run is kept; must be positive
   */
  public HistoryRetention(StateRepository store, Duration keep, Clock clock) {
    if (keep.isNegative() || keep.isZero()) {
      throw new IllegalArgumentException("the history must be kept for some time, not " + keep);
    }
    this.store = store;
    this.keep = keep;
    this.clock = clock;
  }

  /**
   * Deletes the runs older than the retention. A failure is logged, not thrown, so a scheduled
   * prune is not cancelled and the next one tries again.
   *
   * @return how many runs were deleted; -1 when the database failed
   */
  public int prune() {
    Instant cutoff = clock.instant().minus(keep);
    try {
      int deleted = store.deleteRunsBefore(cutoff);
      log.atInfo().addKeyValue("deleted_runs", deleted).addKeyValue("before", cutoff)
          .addKeyValue("keep_history", keep).log("run history pruned");
      return deleted;
    } catch (RuntimeException e) { // StateException, or a pool already closed
      log.atWarn().addKeyValue("result", "prune_failed").addKeyValue("error", e.getMessage())
          .log("run history not pruned");
      return -1;
    }
  }
}
