package com.conobium.gardien.reconciler.daemon;

import java.time.Duration;
import java.time.Instant;

/**
 * When a periodic task runs next, decided purely: a fleet's first runs are spread over one
 * interval by a stable hash of the server and kind (so a thousand servers checked every minute do
 * not all fire in the same second, and the spread survives a restart), then every interval after
 * the previous planned run. A run missed entirely (the daemon was busy or paused) is not caught up
 * on: the next is planned from now.
 */
final class TaskSchedule {
  private TaskSchedule() {}

  /** The first run of {@code key} (kind and server), within one {@code interval} of {@code now}. */
  static Instant first(String key, Duration interval, Instant now) {
    long millis = Math.max(1, interval.toMillis());
    long offset = Math.floorMod(key.hashCode() * 0x9E3779B1L, millis);
    return now.plusMillis(offset);
  }

  /** The run after one planned at {@code planned} and started at {@code now}. */
  static Instant next(Instant planned, Duration interval, Instant now) {
    Instant next = planned.plus(interval);
    return next.isAfter(now) ? next : now.plus(interval);
  }
}
