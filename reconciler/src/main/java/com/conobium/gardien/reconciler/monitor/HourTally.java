package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.CheckHour;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one server's rounds in the current hour, per check and for the round as a whole
 * ({@link CheckHour#ROUND}): what the history stores instead of every passed round. Handed out
 * when the hour is over, or every {@code flushEvery} rounds so that a daemon killed mid-hour loses
 * few; the store adds parts of an hour up. Pure, and used by one thread at a time (the monitoring
 * never runs two rounds of one server at once).
 */
final class HourTally {
  private record Counts(int rounds, int failures, long tookSum, int tookMax) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    Counts add(boolean failed, long tookMillis) {
      return new Counts(rounds + 1, failures + (failed ? 1 : 0), tookSum + tookMillis,
          (int) Math.max(tookMax, Math.min(Integer.MAX_VALUE, tookMillis)));
    }
  }

  private final String server;
  private final int flushEvery;
  private final Map<String, Counts> counts = new LinkedHashMap<>();
  private Instant hour;

  HourTally(String server, int flushEvery) {
    this.server = server;
    this.flushEvery = flushEvery;
  }

  /**
   * Counts the round {@code round} that ran at {@code at}; returns what is to be stored now: the
   * hour before when this round starts a new one, the counts so far every {@code flushEvery}
   * rounds, else nothing.
   */
  List<CheckHour> add(Instant at, List<Observation> round) {
    return add(at, round, false);
  }

  /**
   * As {@link #add(Instant, List)}; a {@code planned} round (it failed while the server's
   * maintenance ran) counts only under {@link CheckHour#PLANNED}.
   */
  List<CheckHour> add(Instant at, List<Observation> round, boolean planned) {
    Instant roundHour = at.truncatedTo(ChronoUnit.HOURS);
    List<CheckHour> due = hour != null && !roundHour.equals(hour) ? drain() : new ArrayList<>();
    hour = roundHour;
    if (planned) {
      long took = round.stream().mapToLong(o -> o.took().toMillis()).max().orElse(0);
      counts.merge(CheckHour.PLANNED, Counts.NONE.add(true, took), (a, b) -> a.add(true, took));
      return due;
    }
    boolean failed = false;
    long slowest = 0;
    for (Observation o : round) {
      long took = o.took().toMillis();
      counts.merge(o.check(), Counts.NONE.add(!o.ok(), took), (a, b) -> a.add(!o.ok(), took));
      failed |= o.failedDeciding();
      slowest = Math.max(slowest, took);
    }
    boolean roundFailed = failed;
    long roundTook = slowest;
    counts.merge(CheckHour.ROUND, Counts.NONE.add(roundFailed, roundTook), (a, b) -> a.add(roundFailed, roundTook));
    if (counts.get(CheckHour.ROUND).rounds() >= flushEvery) {
      due.addAll(drain());
    }
    return due;
  }

  /** The counts not yet handed out, which are then forgotten. */
  List<CheckHour> drain() {
    List<CheckHour> hours = new ArrayList<>();
    counts.forEach((check, c) -> hours.add(new CheckHour(server, hour, check, c.rounds(), c.failures(), c.tookSum(),
        c.tookMax())));
    counts.clear();
    return hours;
  }
}
