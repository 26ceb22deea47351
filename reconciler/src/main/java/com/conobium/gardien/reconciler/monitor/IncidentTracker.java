package com.conobium.gardien.reconciler.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The consecutive-failure state machine of each server, fed one round at a time. Pure apart from
 * its memory: no clock, no network. A round fails when any of its deciding checks fails (all but
 * ping, {@link Observation#decides()}). After
 * {@code threshold} failed rounds in a row an incident opens (one event, so one alert); the first
 * round that passes closes it (one recovery). A server that flaps — fails fewer rounds in a row
 * than the threshold — opens nothing, so it sends no mail per flip. With several replicas, the
 * threshold reached opens the incident only when the others' {@link Opinion} lets it: a failure
 * another replica does not see is held back (one event when it starts being), and the next failed
 * round asks again.
 */
final class IncidentTracker {
  /** What a round changed. */
  sealed interface Event permits Opened, Recovered, HeldBack {
    Incident incident();
  }

  /** The threshold is reached but the incident is held back by the others' opinion (no alert). */
  record HeldBack(Incident incident, Opinion opinion) implements Event {}

  /** An incident opened: alert. */
  record Opened(Incident incident) implements Event {}

  /** The server answers again: recovery notice. */
  record Recovered(Incident incident) implements Event {}

  private record State(int failures, Instant firstFailure, Incident open, Opinion.Kind heldBack) {
    static final State FRESH = new State(0, null, null, null);
  }

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** The event of {@code round} for {@code server}, if it opens or closes an incident (one controller). */
  Optional<Event> observe(String server, Instant at, List<Observation> round, int threshold) {
    return observe(server, at, round, threshold, () -> Opinion.SINGLE);
  }

  /**
   * The event of {@code round} for {@code server}: an incident opened or closed, or held back by
   * {@code opinion} (asked only when the threshold is reached with no incident open).
   */
  Optional<Event> observe(String server, Instant at, List<Observation> round, int threshold,
      Supplier<Opinion> opinion) {
    State state = states.getOrDefault(server, State.FRESH);
    boolean failed = round.stream().anyMatch(Observation::failedDeciding);
    if (!failed) {
      states.put(server, State.FRESH);
      return state.open() == null ? Optional.empty() : Optional.of(new Recovered(state.open().endedAt(at)));
    }
    int failures = state.failures() + 1;
    Instant first = state.firstFailure() == null ? at : state.firstFailure();
    if (state.open() == null && failures >= threshold) {
      Opinion others = opinion.get();
      Incident incident = new Incident(server, first, at, null, failedChecks(round), errors(round), diagnose(round),
          "", others.seenBy());
      if (!others.opens()) {
        // refuted: the failures so far were this replica's own; an outage confirmed later starts here
        Instant since = others.kind() == Opinion.Kind.REFUTED ? at : first;
        states.put(server, new State(failures, since, null, others.kind()));
        return others.kind() == state.heldBack() ? Optional.empty() : Optional.of(new HeldBack(incident, others));
      }
      states.put(server, new State(failures, first, incident, null));
      return Optional.of(new Opened(incident));
    }
    states.put(server, new State(failures, first, state.open(), null));
    return Optional.empty();
  }

  /** The consecutive failed rounds of {@code server}. */
  int failures(String server) {
    return states.getOrDefault(server, State.FRESH).failures();
  }

  /** The open incident of {@code server}, if any. */
  Optional<Incident> open(String server) {
    return Optional.ofNullable(states.getOrDefault(server, State.FRESH).open());
  }

  /**
   * Takes up an incident left open (by a daemon that stopped while it lasted): the next passed
   * round closes it, a failed one continues it without a second alert.
   */
  void resume(Incident incident, int threshold) {
    states.put(incident.server(), new State(threshold, incident.started(), incident, null));
  }

  /** Replaces the open incident of its server with {@code incident} (the same, better diagnosed). */
  void update(Incident incident) {
    states.computeIfPresent(incident.server(), (s, state) -> state.open() == null ? state
        : new State(state.failures(), state.firstFailure(), incident, null));
  }

  void forget(String server) {
    states.remove(server);
  }

  /**
   * What the failed checks say, as an operator would read them: nothing answers at all (the host,
   * its network or its provider), or the server answers over SSH while sites fail on TLS (a
   * certificate) or otherwise (a service), or only SSH fails.
   */
  static String diagnose(List<Observation> round) {
    List<Observation> failed = round.stream().filter(Observation::failedDeciding).toList();
    List<Observation> deciding = round.stream().filter(Observation::decides).toList();
    boolean sshFailed = failed.stream().anyMatch(o -> o.check().equals(SshBannerCheck.NAME));
    Optional<Observation> ping = round.stream().filter(o -> !o.decides()).findFirst();
    if (failed.size() == deciding.size()) {
      if (ping.isPresent() && ping.get().ok()) {
        return "the host answers ping but none of its services does (" + String.join(", ", failedChecks(round))
            + "): its firewall, or the machine is overloaded or still starting";
      }
      return "unreachable: no answer at any level (" + String.join(", ", failedChecks(round))
          + (ping.isPresent() ? ", ping" : "; ping not possible from the controller") + ")";
    }
    List<String> sites = failed.stream().map(Observation::check).filter(c -> !c.equals(SshBannerCheck.NAME)).toList();
    if (!sshFailed && failed.stream().allMatch(o -> o.error() != null && o.error().contains("TLS"))) {
      return "the server answers but TLS fails: " + String.join(", ", sites)
          + " (the certificate, or nginx's TLS configuration)";
    }
    if (!sshFailed) {
      return "the server answers (SSH) but a service fails: " + String.join(", ", sites)
          + " (nginx, PHP-FPM or the site itself)";
    }
    return "SSH does not answer while the sites do: sshd or the firewall"
        + (sites.isEmpty() ? "" : "; failing too: " + String.join(", ", sites));
  }

  private static List<String> failedChecks(List<Observation> round) {
    return round.stream().filter(Observation::failedDeciding).map(Observation::check).toList();
  }

  private static List<String> errors(List<Observation> round) {
    List<String> errors = new ArrayList<>();
    round.stream().filter(o -> !o.ok()).forEach(o -> errors.add(o.check() + ": " + o.error()));
    return errors;
  }
}
