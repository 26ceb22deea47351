package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The monthly maintenance of a server, as the command line and the daemon run it: what the
 * manifest implies (the modules' {@link ResourceModule#expectations expectations} and packages),
 * the period since the last run, the run itself ({@link MaintenanceRunner}), and its record in the
 * state database.
 */
public final class Maintenance {
  /** The period read when a server has had no maintenance yet. */
  static final Duration FIRST_PERIOD = Duration.ofDays(31);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Collection<? extends ResourceModule<?, ?>> modules;
  private final MaintenanceHistory history;
  private final MaintenanceRunner runner;
  private final Clock clock;

  public Maintenance(Collection<? extends ResourceModule<?, ?>> modules, MaintenanceHistory history,
      MaintenanceRunner runner, Clock clock) {
    this.modules = modules;
    this.history = history;
    this.runner = runner;
    this.clock = clock;
  }

  /** What the operations are told of {@code server}. */
  public MaintenanceContext context(Server server, FleetSpec fleet, boolean dryRun) {
    ServerSpec spec = server.spec();
    Expectations expected = Expectations.NONE;
    Set<String> packages = new TreeSet<>(spec.packages().install());
    for (ResourceModule<?, ?> module : modules) {
      expected = expected.and(module.expectations(spec, fleet));
      packages.addAll(module.packages(spec));
    }
    Instant now = clock.instant();
    Optional<MaintenanceRecord> last = history.last(server.name());
    Instant since = last.map(MaintenanceRecord::started).orElse(now.minus(FIRST_PERIOD));
    Map<String, Integer> disks = last.flatMap(r -> r.results().stream()
        .filter(x -> x.operation().equals(DiskSpace.NAME)).findFirst())
        .map(r -> DiskSpace.usedPercents(json(r.details()))).orElse(Map.of());
    return new MaintenanceContext(server.name(), spec.connection().address(), ZoneId.of(spec.time().timezone()),
        expected, packages, since, now, spec.maintenance().diskWarningPercent(),
        spec.maintenance().diskFailurePercent(), disks, dryRun);
  }

  /**
   * Runs the operations of {@code only} (all of the manifest's {@code maintenance.checks} when
   * empty) on {@code host}, and stores the run.
   *
   * @param upgradesHeld why the upgrades must not run on this server (a canary before it failed);
   *     empty when they may
   */
  public MaintenanceReport run(Server server, FleetSpec fleet, RemoteHost host, Set<String> only, boolean dryRun,
      Optional<String> upgradesHeld, Optional<Reboot> reboot, MaintenanceRunner.Progress progress) {
    MaintenanceContext context = context(server, fleet, dryRun);
    Set<String> operations = operations(server, only);
    Optional<Reboot> allowed = server.spec().maintenance().rebootsInWindow() ? reboot : Optional.empty();
    boolean hold = upgradesHeld.isPresent() && operations.remove(Upgrades.NAME);
    boolean disrupts = operations.contains(Upgrades.NAME) || operations.contains(Purge.NAME);
    long id = history.begin(server.name(), context.now(), dryRun, disrupts);
    MaintenanceReport report;
    try {
      report = runner.run(host, context, operations, allowed, progress);
    } catch (RuntimeException e) {
      history.finish(id, clock.instant(), List.of(new MaintenanceRecord.Result("run", Verdict.FAILED.label(),
          "the run stopped: " + e, "{}")));
      throw e;
    }
    if (hold) {
      OperationResult held = OperationResult.warning(Upgrades.NAME, "held: " + upgradesHeld.get(), null);
      progress.finished(held);
      List<OperationResult> results = new java.util.ArrayList<>(report.results());
      results.add(0, held);
      report = new MaintenanceReport(report.server(), report.started(), report.finished(), report.dryRun(), results);
    }
    history.finish(id, report.finished(), record(report).results());
    return report;
  }

  /** The operations a run of {@code server} makes: its manifest's, only those of {@code only} when given. */
  public static Set<String> operations(Server server, Set<String> only) {
    Set<String> operations = new LinkedHashSet<>(server.spec().maintenance().checks());
    if (!only.isEmpty()) {
      operations.retainAll(only);
    }
    return operations;
  }

  /** Whether the upgrades of {@code report} failed, which holds the upgrades of the servers after it. */
  public static boolean upgradesFailed(MaintenanceReport report) {
    return report.results().stream().anyMatch(r -> r.operation().equals(Upgrades.NAME) && r.verdict() == Verdict.FAILED);
  }

  /** A report as the state database keeps it. */
  static MaintenanceRecord record(MaintenanceReport report) {
    return new MaintenanceRecord(0, report.server(), report.started(), report.finished(), report.dryRun(),
        report.results().stream().map(r -> new MaintenanceRecord.Result(r.operation(), r.verdict().label(), r.reason(),
            r.details().toString())).toList());
  }

  /** A stored run as a report. */
  public static MaintenanceReport report(MaintenanceRecord record) {
    return new MaintenanceReport(record.server(), record.started(), record.finished(), record.dryRun(),
        record.results().stream().map(r -> new OperationResult(r.operation(), Verdict.ofLabel(r.verdict()), r.reason(),
            json(r.details()))).toList());
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
