package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.model.MonitoringSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.reconciler.daemon.PeriodicTask;
import com.conobium.gardien.reconciler.daemon.TaskTiming;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.notify.Notifier;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.state.CheckFailure;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring, as a kind of the daemon's work: every {@code monitoring.interval} (one minute by
 * default) each server is looked at from the controller the way a visitor sees it — its SSH port
 * answers with a banner, each site answers {@code GET /} with its own name — with no credential.
 * After {@code monitoring.failuresBeforeAlert} failed rounds in a row (5) an incident opens, is
 * stored, and one alert goes to the Fleet's {@code notifications}; the first good round closes it
 * with one recovery mail. Runs whatever the reconcile does (an invalid revision, a stuck apply or an
 * open circuit breaker do not stop it).
 *
 * <p>Its history goes to the state database ({@link MonitorWrites}, every few seconds for the
 * whole fleet): each failed check of a round with its error, each hour's counts per check
 * ({@link HourTally}) when the hour is over or every {@value #FLUSH_EVERY} rounds, and what is left
 * when the daemon stops. An incident still open
 * when the daemon stopped is taken up again by the next one: continued, not alerted twice.
 */
public final class MonitorTask implements PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(MonitorTask.class);
  /** The longest a check waits, however long the interval. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
  /** The least time the other replicas are given to look at a failing server ({@link #secondLookWait}). */
  static final Duration MIN_SECOND_LOOK_WAIT = Duration.ofSeconds(10);
  /** Rounds counted before a server's hour so far is stored (ten minutes at the default interval). */
  static final int FLUSH_EVERY = 10;

  private final IncidentTracker tracker = new IncidentTracker();
  private final Map<String, Long> openIds = new ConcurrentHashMap<>();
  private final Map<String, HourTally> tallies = new ConcurrentHashMap<>();
  private final MonitorMetrics metrics;
  private final MonitorHistory store;
  /** The servers whose incident left open (by a daemon before, or another replica) was looked for. */
  private final java.util.Set<String> resumed = ConcurrentHashMap.newKeySet();
  /** Whether this process may send ICMP echo ({@link PingCheck#possible()}), found once at start. */
  private final boolean ping;
  /** One TLS for all site checks: its sessions are resumed from round to round. */
  private final SSLSocketFactory tls = SiteCheck.visitorTls();
  private final Function<FleetSpec, Optional<Notifier>> notifiers;
  private final ServerReader reader;
  private final PlannedWork planned;
  private final SecondOpinion others;
  private final MonitorWrites writes;
  private final Clock clock;
  /** Rounds are recorded under its read lock; {@link #close()} takes the write lock once. */
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private boolean closed;

  /** Whether a server's failures at a time are planned: its monthly maintenance was running. */
  @FunctionalInterface
  public interface PlannedWork {
    PlannedWork NONE = (server, at) -> false;

    boolean at(String server, Instant at);
  }

  /** Reads what a server says of itself ({@link ServerReport#SCRIPT}) over Gardien's SSH connection. */
  @FunctionalInterface
  public interface ServerReader {
    ServerReport read(Server server, FleetSpec fleet) throws Exception;
  }

  /**
   * @param notifiers the notifier of a fleet, or empty when it has no relay or no recipient
   * @param reader reads a server's own report when an incident opens while its SSH answers
   */
  public MonitorTask(PrometheusRegistry registry, MonitorHistory store,
      Function<FleetSpec, Optional<Notifier>> notifiers, ServerReader reader, Clock clock) {
    this(registry, store, notifiers, reader, PlannedWork.NONE, clock);
  }

  /**
   * @param planned whether a server's failed round falls in its maintenance: then it is counted as
   *     planned ({@link CheckHour#PLANNED}), neither against its availability nor toward an incident
   */
  public MonitorTask(PrometheusRegistry registry, MonitorHistory store,
      Function<FleetSpec, Optional<Notifier>> notifiers, ServerReader reader, PlannedWork planned, Clock clock) {
    this(registry, store, notifiers, reader, planned, SecondOpinion.NONE, clock);
  }

  /**
   * @param others the other replicas' looks at a failing server (two vantage points): its incident
   *     opens only when one of them fails to reach it too, or none looked in time
   */
  public MonitorTask(PrometheusRegistry registry, MonitorHistory store,
      Function<FleetSpec, Optional<Notifier>> notifiers, ServerReader reader, PlannedWork planned,
      SecondOpinion others, Clock clock) {
    this.reader = reader;
    this.planned = planned;
    this.others = others;
    this.writes = new MonitorWrites(store, clock);
    this.ping = PingCheck.possible();
    log.atInfo().addKeyValue("icmp", ping).log(ping ? "monitoring: ICMP echo is sent to each server"
        : "monitoring: this process may not send ICMP echo (no CAP_NET_RAW): the SSH port's TCP connect stands for it");
    this.metrics = new MonitorMetrics(registry);
    this.store = store;
    this.notifiers = notifiers;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return "check";
  }

  @Override
  public Optional<TaskTiming> timing(Server server, FleetSpec fleet) {
    return Optional.of(TaskTiming.every(interval(server)));
  }

  static Duration interval(Server server) {
    return ManifestDuration.parse(server.spec().monitoring().interval());
  }

  /**
   * How long after a server's first failed round the other replicas are waited for: one interval
   * past the threshold ({@code failuresBeforeAlert} rounds), and never less than
   * {@link #MIN_SECOND_LOOK_WAIT}, the time a look takes to be asked for, made and read back.
   */
  static Duration secondLookWait(Duration interval, int threshold) {
    Duration wait = interval.multipliedBy(threshold);
    return wait.compareTo(MIN_SECOND_LOOK_WAIT) < 0 ? MIN_SECOND_LOOK_WAIT : wait;
  }

  /** How long one check waits: half the interval, at most {@link #MAX_TIMEOUT}. */
  static Duration timeout(Duration interval) {
    return interval.dividedBy(2).compareTo(MAX_TIMEOUT) < 0 ? interval.dividedBy(2) : MAX_TIMEOUT;
  }

  @Override
  public void run(Server server, FleetSpec fleet) {
    Duration interval = interval(server);
    Duration timeout = timeout(interval);
    List<Observation> round = new ArrayList<>();
    for (Check check : checks(server, ping, tls)) {
      round.add(check.run(timeout));
    }
    closing.readLock().lock();
    try {
      if (!closed) { // a round that ends after the daemon stopped is dropped: it stopped without it
        record(server, fleet, interval, round);
      }
    } finally {
      closing.readLock().unlock();
    }
  }

  /** A check waiting on a silent server is not waited for when the daemon stops (see {@link #close()}). */
  @Override
  public boolean leftBehindOnStop() {
    return true;
  }

  private void record(Server server, FleetSpec fleet, Duration interval, List<Observation> round) {
    Instant at = clock.instant();
    String name = server.name();
    int threshold = server.spec().monitoring().failuresBeforeAlert();
    resumeOpenIncident(name, threshold);
    if (round.stream().anyMatch(Observation::failedDeciding) && tracker.open(name).isEmpty() && planned(name, at)) {
      // a planned reboot of the maintenance: recorded, counted apart, no incident
      metrics.round(name, round, tracker.failures(name), false);
      keep(name, at, round, true);
      return;
    }
    boolean failed = round.stream().anyMatch(Observation::failedDeciding);
    boolean failing = tracker.failures(name) > 0;
    Duration wait = secondLookWait(interval, threshold);
    Optional<IncidentTracker.Event> event = tracker.observe(name, at, round, threshold,
        () -> others.on(name, wait));
    if (failed && tracker.open(name).isEmpty()) {
      others.ask(name);
    } else if ((failing && !failed) || event.filter(IncidentTracker.Opened.class::isInstance).isPresent()) {
      others.withdraw(name);
    }
    metrics.round(name, round, tracker.failures(name), tracker.open(name).isPresent());
    keep(name, at, round, false);
    event.ifPresent(e -> handle(e, server, fleet));
  }

  private boolean planned(String server, Instant at) {
    try {
      return planned.at(server, at);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
          .log("maintenance not read: the failed round counts as unplanned");
      return false;
    }
  }

  /**
   * Stores what is left of the current hours, and every row not written yet. Waits for the rounds
   * being recorded; a round whose checks end later is dropped.
   */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      closed = true;
    } finally {
      closing.writeLock().unlock();
    }
    List<CheckHour> hours = new ArrayList<>();
    tallies.values().forEach(t -> {
      synchronized (t) {
        hours.addAll(t.drain());
      }
    });
    writes.add(List.of(), hours);
    writes.flush();
  }

  /**
   * Takes up, at this task's first round of {@code server}, the incident of it left open by a
   * daemon before this one or by the replica that owned it before: continued, not alerted twice.
   */
  private void resumeOpenIncident(String server, int threshold) {
    if (!resumed.add(server)) {
      return;
    }
    try {
      for (IncidentRecord r : store.openIncidents()) {
        if (r.server().equals(server) && tracker.open(server).isEmpty()) {
          tracker.resume(new Incident(r.server(), r.started(), r.alerted(), null,
              List.of(r.failedChecks().split(", ")), List.of(r.lastErrors().split("\n")), r.diagnosis(), r.details(),
              r.seenBy().isEmpty() ? List.of() : List.of(r.seenBy().split(", "))), threshold);
          openIds.put(r.server(), r.id());
          log.atInfo().addKeyValue("server", r.server()).addKeyValue("since", r.started())
              .log("incident still open, taken up");
        }
      }
    } catch (StateException e) {
      resumed.remove(server);
      log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
          .log("open incidents not read; tried again next round");
    }
  }

  /**
   * Another replica watches {@code server} now: its hour so far is stored (the counts add up with
   * the new owner's), and what this task kept of it in memory (an open incident, the failures in a
   * row, its metrics) is forgotten; the new owner takes the incident up from the database.
   */
  @Override
  public void release(String server) {
    HourTally tally = tallies.remove(server);
    if (tally != null) {
      List<CheckHour> hours;
      synchronized (tally) {
        hours = tally.drain();
      }
      writes.add(List.of(), hours);
      writes.flush();
    }
    tracker.forget(server);
    openIds.remove(server);
    resumed.remove(server);
    metrics.forget(server);
  }

  private void keep(String server, Instant at, List<Observation> round, boolean planned) {
    List<CheckFailure> failures = round.stream().filter(o -> !o.ok())
        .map(o -> new CheckFailure(server, at, o.check(), (int) Math.min(Integer.MAX_VALUE, o.took().toMillis()),
            o.error()))
        .toList();
    HourTally tally = tallies.computeIfAbsent(server, s -> new HourTally(s, FLUSH_EVERY));
    List<CheckHour> due;
    synchronized (tally) {
      due = tally.add(at, round, planned);
    }
    writes.add(failures, due);
  }

  /** Writes an incident's row at once (the rounds' rows go with the next batch). */
  private static void write(String what, Runnable write) {
    try {
      write.run();
    } catch (StateException e) {
      log.atWarn().addKeyValue("what", what).addKeyValue("error", e.getMessage()).log("state database not written");
    }
  }

  /**
   * One round of {@code server}'s checks (the SSH port, its sites, the added checks; no ping), run
   * once now and recorded nowhere: what a visitor sees, e.g. after a reboot of the maintenance.
   */
  public static List<Observation> visit(Server server, Duration timeout) {
    return checks(server, false, SiteCheck.visitorTls()).stream().map(c -> c.run(timeout)).toList();
  }

  /**
   * What a visitor would try: ICMP echo (when {@code ping}), the SSH port, then each site by its
   * first name, then the checks the manifest adds ({@code monitoring.checks}).
   */
  static List<Check> checks(Server server, boolean ping, SSLSocketFactory tls) {
    String address = server.spec().connection().address();
    List<Check> checks = new ArrayList<>();
    if (ping) {
      checks.add(new PingCheck(address));
    }
    checks.add(new SshBannerCheck(address, server.spec().managedPort()));
    if (server.spec().web().enabled()) {
      for (SiteSpec site : server.spec().sites()) {
        if (!site.domains().isEmpty()) {
          checks.add(siteCheck(SiteCheck.PREFIX + site.name(), site, address, "/", null, null, tls));
        }
      }
    }
    for (MonitoringSpec.CheckSpec added : server.spec().monitoring().checks()) {
      if (added.tcp() != null) {
        checks.add(new TcpCheck(added.displayName(), address, added.tcp()));
      } else {
        MonitoringSpec.HttpCheck http = added.http();
        server.spec().sites().stream().filter(s -> s.name().equals(http.site()) && !s.domains().isEmpty())
            .findFirst().ifPresent(site -> checks.add(siteCheck(added.displayName(), site, address, http.path(),
                http.status(), http.contains(), tls)));
      }
    }
    return checks;
  }

  /** A request to {@code site} by its first domain: HTTPS on 443 unless the site has no TLS, else HTTP on 80. */
  private static SiteCheck siteCheck(String name, SiteSpec site, String address, String path, Integer status,
      String contains, SSLSocketFactory tls) {
    boolean https = !"none".equals(site.tls().mode());
    return new SiteCheck(name, site.domains().get(0), address, https, https ? 443 : 80, path, status, contains, tls);
  }

  private void handle(IncidentTracker.Event event, Server watched, FleetSpec fleet) {
    if (event instanceof IncidentTracker.HeldBack held) {
      heldBack(held);
    } else if (event instanceof IncidentTracker.Opened) {
      Incident incident = event.incident();
      if (!incident.failedChecks().contains(SshBannerCheck.NAME)) {
        incident = withReport(incident, watched, fleet);
        tracker.update(incident);
      }
      opened(incident, fleet);
    } else {
      recovered(event.incident(), fleet);
    }
  }

  private static void heldBack(IncidentTracker.HeldBack held) {
    String server = held.incident().server();
    if (held.opinion().kind() == Opinion.Kind.REFUTED) {
      log.atWarn().addKeyValue("server", server).addKeyValue("failed", String.join(", ", held.incident().failedChecks()))
          .addKeyValue("reached_by", String.join(", ", held.opinion().reachedBy()))
          .log("failing from this replica only: another replica reaches the server, so no incident opens"
              + " (this replica's network)");
    } else {
      log.atInfo().addKeyValue("server", server).log("failing: waiting for another replica to look before an incident opens");
    }
  }

  private void opened(Incident incident, FleetSpec fleet) {
    String server = incident.server();
    log.atWarn().addKeyValue("server", server).addKeyValue("failed", String.join(", ", incident.failedChecks()))
        .addKeyValue("diagnosis", incident.diagnosis()).addKeyValue("seen_by", String.join(", ", incident.seenBy()))
        .log("incident opened");
    write("the incident of " + server, () -> openIds.put(server, store.openIncident(new IncidentRecord(0, server,
        incident.started(), incident.alerted(), null, String.join(", ", incident.failedChecks()),
        String.join("\n", incident.lastErrors()), incident.diagnosis(), incident.details(),
        String.join(", ", incident.seenBy())))));
    notify(fleet, IncidentMails.alert(incident, fleet.notifications()));
  }

  private void recovered(Incident incident, FleetSpec fleet) {
    String server = incident.server();
    log.atInfo().addKeyValue("server", server)
        .addKeyValue("downtime_s", incident.duration(incident.ended()).toSeconds()).log("incident closed");
    Long id = openIds.remove(server);
    if (id != null) {
      write("the end of the incident of " + server, () -> store.closeIncident(id, incident.ended()));
    }
    notify(fleet, IncidentMails.recovery(incident, fleet.notifications()));
  }

  /**
   * The incident with what the server says of itself: SSH answers, so Gardien logs in and reads the
   * units down and the recent errors, as an operator would first. A failure to read is said, not
   * thrown: the alert goes anyway.
   */
  private Incident withReport(Incident incident, Server server, FleetSpec fleet) {
    try {
      ServerReport report = reader.read(server, fleet);
      return incident.withReport(incident.diagnosis() + "; " + report.summary(), report.details());
    } catch (Exception e) {
      log.atWarn().addKeyValue("server", server.name()).addKeyValue("error", e.getMessage())
          .log("the server's own report could not be read");
      return incident.withReport(incident.diagnosis() + "; its own report could not be read: " + e.getMessage(), "");
    }
  }

  private void notify(FleetSpec fleet, Notification notification) {
    if (notification.to().isEmpty()) {
      return;
    }
    try {
      notifiers.apply(fleet).ifPresent(n -> n.send(notification));
    } catch (NotifyException e) {
      log.atWarn().addKeyValue("subject", notification.subject()).addKeyValue("error", e.getMessage())
          .log("notification not sent");
    }
  }
}
