package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.daemon.PeriodicTask;
import com.conobium.gardien.reconciler.daemon.TaskTiming;
import com.conobium.gardien.reconciler.notify.Notifier;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.StateException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly maintenance as a kind of work of the daemon ({@code gardien run}): each server's run
 * starts at its {@code maintenance.window} in its time zone, on a few workers of its own
 * ({@code --maintenance-parallel}), so that the monitoring's checks go on meanwhile. A window
 * missed by less than {@value #CATCH_UP_HOURS} hours (the daemon was down) is caught up at start.
 *
 * <p>Upgrades roll out canary first: of the servers whose window is the same moment, the first
 * to start runs alone; the others wait for it (trying again every minute, holding no worker), and
 * when its upgrades fail — or any later server's — the upgrades of the rest of that window are held
 * (reported as a warning) while their other operations still run. Results go to the state
 * database, the metrics, and, when one needs a look, one summary mail to the Fleet's notifications.
 */
public final class MaintenanceTask implements PeriodicTask {
  /** Connects to a server over Gardien's SSH connection handling. */
  @FunctionalInterface
  public interface Connector {
    RemoteHost connect(Server server, FleetSpec fleet) throws SshException;
  }

  /**
   * The verification of a server after a reboot (its monitoring checks, its drift plan): empty
   * when it is well, or what is wrong.
   */
  @FunctionalInterface
  public interface RebootCheck {
    Optional<String> problem(Server server, FleetSpec fleet);
  }

  static final String KIND = "maintenance";
  static final long CATCH_UP_HOURS = 6;
  static final Duration CATCH_UP = Duration.ofHours(CATCH_UP_HOURS);
  static final Duration WAIT_FOR_CANARY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(MaintenanceTask.class);

  private final Maintenance maintenance;
  private final MaintenanceHistory history;
  private final MaintenanceMetrics metrics;
  private final Function<FleetSpec, Optional<Notifier>> notifiers;
  private final Connector connector;
  private final RebootCheck afterReboot;
  private final Clock clock;
  private final int workers;
  /** Each server's last run (empty: none), read from the state database once, then kept here. */
  private final Map<String, Optional<Instant>> lastRuns = new ConcurrentHashMap<>();
  /** When this process first met each server. */
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
  /** The servers waiting for their window's canary. */
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  /** Each window moment's rollout. */
  private final Map<Instant, Rollout> rollouts = new ConcurrentHashMap<>();
  /** The servers whose run asked for by an operator is going. */
  private final Set<String> onDemand = ConcurrentHashMap.newKeySet();

  public MaintenanceTask(Maintenance maintenance, MaintenanceHistory history, PrometheusRegistry registry,
      Function<FleetSpec, Optional<Notifier>> notifiers, Connector connector, RebootCheck afterReboot, Clock clock,
      int workers) {
    this.maintenance = maintenance;
    this.history = history;
    this.metrics = new MaintenanceMetrics(registry);
    this.notifiers = notifiers;
    this.connector = connector;
    this.afterReboot = afterReboot;
    this.clock = clock;
    this.workers = workers;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public Optional<TaskTiming> timing(Server server, FleetSpec fleet) {
    if (server.spec().maintenance().checks().isEmpty()) {
      return Optional.empty();
    }
    MaintenanceWindow window = window(server);
    Optional<Instant> last = lastRun(server.name());
    Instant now = clock.instant();
    Instant seen = firstSeen.computeIfAbsent(server.name(), n -> now);
    Instant known = last.filter(l -> l.isBefore(seen)).orElse(seen);
    Instant previous = window.previous(now);
    if (previous.isAfter(known)) {
      metrics.window(server.name(), previous);
    }
    return Optional.of(new Timing(this, server.name(), window, last.orElse(null), known));
  }

  @Override
  public void run(Server server, FleetSpec fleet) {
    String name = server.name();
    Instant now = clock.instant();
    Instant moment = window(server).previous(now);
    Rollout rollout = rollouts.computeIfAbsent(moment, m -> new Rollout(name));
    if (!rollout.canary.equals(name) && !rollout.canaryDone) {
      waiting.add(name);
      log.atInfo().addKeyValue("server", name).addKeyValue("canary", rollout.canary)
          .log("maintenance waits for its window's canary");
      return;
    }
    waiting.remove(name);
    Optional<String> held = Optional.ofNullable(rollout.failedBy)
        .map(s -> "the upgrades of " + s + (s.equals(rollout.canary) ? ", this window's canary," : "")
            + " failed in this window");
    MaintenanceReport report;
    try (RemoteHost host = connector.connect(server, fleet)) {
      Reboot reboot = new Reboot(() -> connector.connect(server, fleet), () -> afterReboot.problem(server, fleet));
      report = maintenance.run(server, fleet, host, Set.of(), false, held, Optional.of(reboot),
          MaintenanceRunner.Progress.NONE);
    } catch (SshException e) {
      log.atWarn().addKeyValue("server", name).addKeyValue("result", "unreachable").addKeyValue("error", e.getMessage())
          .log("maintenance not run");
      rollout.finished(name, false);
      return;
    } finally {
      pruneRollouts(now);
    }
    lastRuns.put(name, Optional.of(report.started()));
    metrics.report(report);
    rollout.finished(name, Maintenance.upgradesFailed(report));
    log.atInfo().addKeyValue("server", name).addKeyValue("result", report.overall().label())
        .addKeyValue("failed", report.results().stream().filter(r -> r.verdict() == Verdict.FAILED)
            .map(OperationResult::operation).toList())
        .log("maintenance done");
    if (!report.needingAttention().isEmpty() && !fleet.notifications().isEmpty()) {
      notifiers.apply(fleet).ifPresent(n -> n.send(MaintenanceMails.summary(report, fleet.notifications())));
    }
  }

  /**
   * Runs {@code operations} on the server now, outside its window (an operator asked for it):
   * stored and exported like a window's run, without a reboot or a summary mail. One such run per
   * server at a time.
   *
   * @throws IllegalArgumentException when an operation is not one of the manifest's {@code maintenance.checks}
   * @throws IllegalStateException while another run asked for on this server is going
   */
  public MaintenanceReport runNow(Server server, FleetSpec fleet, Set<String> operations) throws SshException {
    if (operations.isEmpty() || !server.spec().maintenance().checks().containsAll(operations)) {
      throw new IllegalArgumentException("not among the server's maintenance.checks "
          + server.spec().maintenance().checks() + ": " + operations);
    }
    if (!onDemand.add(server.name())) {
      throw new IllegalStateException("a maintenance run asked for earlier is still going on " + server.name());
    }
    try (RemoteHost host = connector.connect(server, fleet)) {
      MaintenanceReport report = maintenance.run(server, fleet, host, operations, false, Optional.empty(),
          Optional.empty(), MaintenanceRunner.Progress.NONE);
      metrics.report(report);
      log.atInfo().addKeyValue("server", server.name()).addKeyValue("operations", operations)
          .addKeyValue("result", report.overall().label()).log("maintenance asked for done");
      return report;
    } finally {
      onDemand.remove(server.name());
    }
  }

  private static MaintenanceWindow window(Server server) {
    return MaintenanceWindow.parse(server.spec().maintenance().window(), ZoneId.of(server.spec().time().timezone()));
  }

  private Optional<Instant> lastRun(String server) {
    return lastRuns.computeIfAbsent(server, s -> {
      try {
        Optional<MaintenanceRecord> last = history.last(s);
        last.ifPresent(r -> metrics.report(Maintenance.report(r)));
        return last.map(MaintenanceRecord::started);
      } catch (StateException e) {
        log.atWarn().addKeyValue("server", s).addKeyValue("error", e.getMessage()).log("last maintenance not read");
        return Optional.empty();
      }
    });
  }

  private void pruneRollouts(Instant now) {
    rollouts.keySet().removeIf(moment -> moment.isBefore(now.minus(Duration.ofDays(40))));
  }

  /** The servers of one window moment: its canary, and whose upgrades failed first. */
  private static final class Rollout {
    final String canary;
    volatile boolean canaryDone;
    volatile String failedBy;

    Rollout(String canary) {
      this.canary = canary;
    }

    synchronized void finished(String server, boolean upgradesFailed) {
      if (server.equals(canary)) {
        canaryDone = true;
      }
      if (upgradesFailed && failedBy == null) {
        failedBy = server;
      }
    }
  }

  /**
   * A server's maintenance times: the window's next start, or now when the last window passed less
   * than {@link #CATCH_UP} ago without a run; a minute later while the server waits for its canary.
   * Equal (re-planned by the daemon) only when the window and the last run are.
   */
  static final class Timing implements TaskTiming {
    private final MaintenanceTask task;
    private final String server;
    private final MaintenanceWindow window;
    private final Instant lastRun;
    private final Instant known;

    Timing(MaintenanceTask task, String server, MaintenanceWindow window, Instant lastRun, Instant known) {
      this.task = task;
      this.server = server;
      this.window = window;
      this.lastRun = lastRun;
      this.known = known;
    }

    @Override
    public Instant first(String key, Instant now) {
      return firstRun(window, lastRun, known, now);
    }

    @Override
    public Instant next(String key, Instant planned, Instant now) {
      return task.waiting.contains(server) ? now.plus(WAIT_FOR_CANARY) : window.next(now);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Timing t && t.server.equals(server) && t.window.equals(window)
          && Objects.equals(t.lastRun, lastRun);
    }

    @Override
    public int hashCode() {
      return Objects.hash(server, window, lastRun);
    }
  }

  /**
   * The first run from {@code now}: at once when the last window started less than
   * {@link #CATCH_UP} ago, after Gardien knew the server, and no run followed it; else the next
   * window. Pure.
   */
  static Instant firstRun(MaintenanceWindow window, Instant lastRun, Instant known, Instant now) {
    Instant previous = window.previous(now);
    boolean missed = previous.isAfter(known) && (lastRun == null || lastRun.isBefore(previous));
    if (missed && Duration.between(previous, now).compareTo(CATCH_UP) < 0) {
      return now;
    }
    return window.next(now);
  }
}
