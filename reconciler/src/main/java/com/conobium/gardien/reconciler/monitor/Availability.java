package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A server's availability over a period, from the monitoring's history. Pure.
 *
 * <p>The formula: availability = rounds passed / rounds run, where a round fails when any of its
 * checks failed (the SSH port or any site): a customer whose shop answers 502 is down even when
 * SSH answers, and that is how the incidents count too. Each check's own figure is given beside it.
 * Rounds that did not run (the controller was stopped) count neither way: {@link #observedHours()}
 * against {@link #hours()} says how much of the period was watched. Rounds that failed while the
 * server's monthly maintenance ran (a planned reboot) are planned: left out of the formula and
 * counted apart ({@link #plannedRounds()}).
 *
 * @param server the server
 * @param from the period's start
 * @param to the period's end (exclusive)
 * @param rounds the rounds run
 * @param failedRounds those that failed
 * @param observedHours the hours with at least one round
 * @param checks each check's rounds and failures, by name
 * @param incidents the incidents open at some time in the period
 * @param downtime their time within the period
 * @param plannedRounds the rounds that failed during the server's maintenance, left out
 */
public record Availability(String server, Instant from, Instant to, long rounds, long failedRounds, long observedHours,
    Map<String, Counts> checks, int incidents, Duration downtime, long plannedRounds) {
  /** One check's rounds and failures. */
  public record Counts(long rounds, long failures) {
    /** Passed rounds over rounds, in percent; empty when none ran. */
    public Optional<Double> percent() {
      return rounds == 0 ? Optional.empty() : Optional.of(100.0 * (rounds - failures) / rounds);
    }
  }

  public Availability {
    checks = Map.copyOf(checks);
  }

  /**
   * @param hours the server's stored hours in [{@code from}, {@code to})
   * @param incidents its incidents open at some time in the period
   * @param now the time now: an open incident lasts until then
   */
  public static Availability of(String server, Instant from, Instant to, List<CheckHour> hours,
      List<IncidentRecord> incidents, Instant now) {
    Map<String, Counts> checks = new TreeMap<>();
    java.util.Set<Instant> observed = new java.util.HashSet<>();
    for (CheckHour h : hours) {
      checks.merge(h.check(), new Counts(h.rounds(), h.failures()),
          (a, b) -> new Counts(a.rounds() + b.rounds(), a.failures() + b.failures()));
      if ((h.check().equals(CheckHour.ROUND) || h.check().equals(CheckHour.PLANNED)) && h.rounds() > 0) {
        observed.add(h.hour());
      }
    }
    Counts round = checks.getOrDefault(CheckHour.ROUND, new Counts(0, 0));
    checks.remove(CheckHour.ROUND);
    Counts planned = checks.getOrDefault(CheckHour.PLANNED, new Counts(0, 0));
    checks.remove(CheckHour.PLANNED);
    Duration down = Duration.ZERO;
    for (IncidentRecord i : incidents) {
      Instant start = i.started().isBefore(from) ? from : i.started();
      Instant end = i.ended() == null ? now : i.ended();
      end = end.isAfter(to) ? to : end;
      if (end.isAfter(start)) {
        down = down.plus(Duration.between(start, end));
      }
    }
    return new Availability(server, from, to, round.rounds(), round.failures(), observed.size(), checks, incidents.size(),
        down, planned.rounds());
  }

  /** The server's availability in percent; empty when no round ran in the period. */
  public Optional<Double> percent() {
    return new Counts(rounds, failedRounds).percent();
  }

  /** The whole hours of the period. */
  public long hours() {
    return Duration.between(from, to).toHours();
  }
}
