package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.reconciler.daemon.PeriodicTask;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateRepository;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 */
public final class MonitorTask implements PeriodicTask {
  private static final Logger log = LoggerFactory.getLogger(MonitorTask.class);
  /** The longest a check waits, however long the interval. */
  static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);

  private final IncidentTracker tracker = new IncidentTracker();
  private final Map<String, Long> openIds = new ConcurrentHashMap<>();
  private final MonitorMetrics metrics;
  private final StateRepository store;
  private final Function<FleetSpec, Optional<Notifier>> notifiers;
  private final Clock clock;

  /** Sends a notification; the Fleet's mail relay in the daemon. */
  @FunctionalInterface
  public interface Notifier {
    void send(Notification notification);
  }

  /**
   * @param notifiers the notifier of a fleet, or empty when it has no relay or no recipient
   */
  public MonitorTask(PrometheusRegistry registry, StateRepository store,
      Function<FleetSpec, Optional<Notifier>> notifiers, Clock clock) {
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
  public Optional<Duration> interval(Server server, FleetSpec fleet) {
    return Optional.of(ManifestDuration.parse(server.spec().monitoring().interval()));
  }

  @Override
  public void run(Server server, FleetSpec fleet) {
    Duration interval = interval(server, fleet).orElseThrow();
    Duration timeout = interval.dividedBy(2).compareTo(MAX_TIMEOUT) < 0 ? interval.dividedBy(2) : MAX_TIMEOUT;
    List<Observation> round = new ArrayList<>();
    for (Check check : checks(server)) {
      round.add(check.run(timeout));
    }
    Instant at = clock.instant();
    String name = server.name();
    Optional<IncidentTracker.Event> event =
        tracker.observe(name, at, round, server.spec().monitoring().failuresBeforeAlert());
    metrics.round(name, round, tracker.failures(name), tracker.open(name).isPresent());
    event.ifPresent(e -> handle(e, fleet));
  }

  /** What a visitor would try: the SSH port, then each site by its first name. */
  static List<Check> checks(Server server) {
    String address = server.spec().connection().address();
    List<Check> checks = new ArrayList<>();
    checks.add(new SshBannerCheck(address, server.spec().managedPort()));
    if (server.spec().web().enabled()) {
      for (SiteSpec site : server.spec().sites()) {
        if (!site.domains().isEmpty()) {
          checks.add(new SiteCheck(site.name(), site.domains().get(0), address, !"none".equals(site.tls().mode())));
        }
      }
    }
    return checks;
  }

  private void handle(IncidentTracker.Event event, FleetSpec fleet) {
    Incident incident = event.incident();
    String server = incident.server();
    if (event instanceof IncidentTracker.Opened) {
      log.atWarn().addKeyValue("server", server).addKeyValue("failed", String.join(", ", incident.failedChecks()))
          .addKeyValue("diagnosis", incident.diagnosis()).log("incident opened");
      try {
        openIds.put(server, store.openIncident(new IncidentRecord(0, server, incident.started(), incident.alerted(),
            null, String.join(", ", incident.failedChecks()), String.join("\n", incident.lastErrors()),
            incident.diagnosis())));
      } catch (StateException e) {
        log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage()).log("state database not written");
      }
      notify(fleet, IncidentMails.alert(incident, fleet.notifications()));
    } else {
      log.atInfo().addKeyValue("server", server)
          .addKeyValue("downtime_s", incident.duration(incident.ended()).toSeconds()).log("incident closed");
      Long id = openIds.remove(server);
      if (id != null) {
        try {
          store.closeIncident(id, incident.ended());
        } catch (StateException e) {
          log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage()).log("state database not written");
        }
      }
      notify(fleet, IncidentMails.recovery(incident, fleet.notifications()));
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
