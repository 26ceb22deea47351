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

  /**
   * The first run of {@code key} (kind and server), within one {@code interval} of {@code now}: the
   * next instant of the key's own grid — every interval from a phase its hash gives, counted from
   * the epoch. Any process plans the key on the same grid: a replica that takes a server over checks
   * it when its previous owner would have, so a take-over shorter than an interval leaves the server
   * unchecked for two intervals at most.
   */
  static Instant first(String key, Duration interval, Instant now) {
    long millis = Math.max(1, interval.toMillis());
    long phase = Math.floorMod(key.hashCode() * 0x9E3779B1L, millis);
    long at = now.toEpochMilli();
    return Instant.ofEpochMilli(at + Math.floorMod(phase - at, millis));
  }

  /** The run after one planned at {@code planned} and started at {@code now}. */
  static Instant next(Instant planned, Duration interval, Instant now) {
    Instant next = planned.plus(interval);
    return next.isAfter(now) ? next : now.plus(interval);
  }
}
