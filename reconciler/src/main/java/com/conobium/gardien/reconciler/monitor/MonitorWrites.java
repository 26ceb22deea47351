package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.CheckFailure;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring's rows on their way to the state database: the rounds of every server gathered
 * and written together at most every {@link #EVERY} (two transactions then, instead of two per
 * round: a transaction of the embedded database costs more than the rows in it, and was a third
 * of the monitoring's CPU in {@code bench/run-monitor}). The round that finds the batch due writes
 * it, so no thread of its own is needed; {@link #flush()} writes the rest when the daemon stops.
 * A write that fails is logged and its rows dropped: the monitoring goes on.
 */
final class MonitorWrites {
  static final Duration EVERY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(MonitorWrites.class);

  private final MonitorHistory store;
  private final Clock clock;
  private final ReentrantLock writing = new ReentrantLock();
  private List<CheckFailure> failures = new ArrayList<>();
  private List<CheckHour> hours = new ArrayList<>();
  private Instant last;

  MonitorWrites(MonitorHistory store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.last = clock.instant();
  }

  /** Adds a round's rows; writes the batch when it is due. */
  void add(List<CheckFailure> roundFailures, List<CheckHour> dueHours) {
    synchronized (this) {
      failures.addAll(roundFailures);
      hours.addAll(dueHours);
    }
    if (!clock.instant().isBefore(last.plus(EVERY)) && writing.tryLock()) {
      try {
        write();
      } finally {
        writing.unlock();
      }
    }
  }

  /** Writes everything gathered so far. */
  void flush() {
    writing.lock();
    try {
      write();
    } finally {
      writing.unlock();
    }
  }

  private void write() {
    List<CheckFailure> f;
    List<CheckHour> h;
    synchronized (this) {
      f = failures;
      h = hours;
      failures = new ArrayList<>();
      hours = new ArrayList<>();
      last = clock.instant();
    }
    try {
      store.addFailures(f);
    } catch (StateException e) {
      log.atWarn().addKeyValue("what", f.size() + " failed check(s)").addKeyValue("error", e.getMessage())
          .log("state database not written");
    }
    try {
      store.addHours(h);
    } catch (StateException e) {
      log.atWarn().addKeyValue("what", h.size() + " monitoring hour(s)").addKeyValue("error", e.getMessage())
          .log("state database not written");
    }
  }
}
