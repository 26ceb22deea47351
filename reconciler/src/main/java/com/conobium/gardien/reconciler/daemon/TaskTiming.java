package com.conobium.gardien.reconciler.daemon;

import java.time.Duration;
import java.time.Instant;

/**
 * When a {@link PeriodicTask}'s runs for one server are: every interval (the monitoring's checks),
 * or at calendar times (the maintenance window). Pure: the daemon asks it for the first run when
 * it meets a server (or the timing changed), and for the next one each time a run starts.
 * Implementations are values ({@code equals}): a changed timing is planned anew.
 */
public interface TaskTiming {
  /** The first run of {@code key} (the task's kind and the server's name) from {@code now}. */
  Instant first(String key, Instant now);

  /** The run after the one planned at {@code planned} that starts at {@code now}. */
  Instant next(String key, Instant planned, Instant now);

  /** Every {@code interval}, a fleet's first runs spread over one interval ({@link TaskSchedule}). */
  static TaskTiming every(Duration interval) {
    return new Every(interval);
  }

  /** Every {@code interval}. */
  record Every(Duration interval) implements TaskTiming {
    @Override
    public Instant first(String key, Instant now) {
      return TaskSchedule.first(key, interval, now);
    }

    @Override
    public Instant next(String key, Instant planned, Instant now) {
      return TaskSchedule.next(planned, interval, now);
    }
  }
}
