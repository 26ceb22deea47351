package com.conobium.gardien.reconciler.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.ConnectionSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.MaintenanceSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.reconciler.daemon.TaskTiming;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maintenance as the daemon runs it, against fake servers (what each prints is given) and a
 * real embedded state database: the window's canary goes first and the others wait without a
 * worker; when the canary's upgrades fail, the others' are held and their checks still run; the
 * results are stored, exported as metrics and mailed once; a window missed by the daemon is
 * caught up within six hours only.
 */
class MaintenanceTaskTest {
  static final FleetSpec FLEET = new FleetSpec(List.of("ops@example.net"), null, null, null, null, null, null);
  static final Instant WINDOW = Instant.parse("2026-12-06T03:00:00Z");

  @TempDir Path dir;
  StateDatabase db;
  MaintenanceHistory history;
  final List<Notification> mails = new CopyOnWriteArrayList<>();
  final PrometheusRegistry registry = new PrometheusRegistry();

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    history = db.maintenanceHistory();
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Server server(String name) {
    return new Server(name, Map.of(), ServerSpec.builder()
        .connection(new ConnectionSpec("198.18.9.2", null, null, null, null))
        .maintenance(new MaintenanceSpec("first Sunday 03:00", List.of("upgrades", "services"))).build(),
        Path.of("servers/" + name + ".yaml"));
  }

  /**
   * A server that prints {@code upgrades} for the upgrades' script (counting {@code started} down,
   * then answering once {@code gate} opens) and an all-well services check.
   */
  static RemoteHost host(String upgrades, CountDownLatch started, CountDownLatch gate) {
    return new RemoteHost() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public ExecResult exec(String script, String stdin, Duration timeout) {
        if (script.contains("DRY_RUN=")) {
          started.countDown();
          try {
            gate.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new ExecResult(0, upgrades, "");
        }
        return new ExecResult(0, "::gardien-operation:: services\n::gardien:: failed\n::gardien:: listening\n", "");
      }

      @Override
      public void close() {}
    };
  }

  static final String UPGRADE_FAILS = "::gardien:: update\nstatus 0\n::gardien:: simulate\n"
      + "Inst nginx [1.26.3-3] (1.26.3-3+deb13u1 Debian-Security:13/stable-security [amd64])\n"
      + "::gardien:: upgrade\nE: Sub-process /usr/bin/dpkg returned an error code (1)\nstatus 100\n"
      + "::gardien:: changed\n::gardien:: audit-after\n::gardien:: reboot\nkernel 6.12 -\n";
  static final String UPGRADE_OK = "::gardien:: update\nstatus 0\n::gardien:: simulate\n::gardien:: upgrade\n"
      + "status 0\n::gardien:: changed\n::gardien:: audit-after\n::gardien:: reboot\nkernel 6.12 -\n";

  MaintenanceTask task(Clock clock, Map<String, RemoteHost> hosts) {
    Maintenance maintenance = new Maintenance(List.of(), history, new MaintenanceRunner(address -> {
      throw new PortScan.ScanException("not here");
    }, clock), clock);
    return new MaintenanceTask(maintenance, history, registry, fleet -> Optional.of(mails::add),
        (server, fleet) -> hosts.get(server.name()), (server, fleet) -> Optional.empty(), clock, 4);
  }

  @Test
  void theCanaryGoesFirstAndItsFailedUpgradesHoldTheOthers() throws Exception {
    Clock clock = Clock.fixed(WINDOW.plusSeconds(5), ZoneOffset.UTC);
    CountDownLatch canaryStarted = new CountDownLatch(1);
    CountDownLatch canaryGate = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(0);
    MaintenanceTask task = task(clock, Map.of("web1", host(UPGRADE_FAILS, canaryStarted, canaryGate),
        "web2", host(UPGRADE_OK, new CountDownLatch(1), open), "web3", host(UPGRADE_OK, new CountDownLatch(1), open)));
    Thread canary = new Thread(() -> task.run(server("web1"), FLEET));
    canary.start();
    assertThat(canaryStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // web2 comes while the canary runs: it waits, holding no worker, and is tried again a minute later
    task.run(server("web2"), FLEET);
    assertThat(history.runs("web2", Instant.EPOCH, WINDOW.plusSeconds(3600))).isEmpty();
    TaskTiming timing = task.timing(server("web2"), FLEET).orElseThrow();
    assertThat(timing.next("maintenance/web2", WINDOW, WINDOW.plusSeconds(5))).isEqualTo(WINDOW.plusSeconds(65));

    canaryGate.countDown();
    canary.join(10_000);
    task.run(server("web2"), FLEET);
    task.run(server("web3"), FLEET);

    OperationResult canaryUpgrades = Maintenance.report(history.last("web1").orElseThrow()).results().get(0);
    assertThat(canaryUpgrades.verdict()).isEqualTo(Verdict.FAILED);
    for (String other : List.of("web2", "web3")) {
      MaintenanceReport report = Maintenance.report(history.last(other).orElseThrow());
      assertThat(report.results()).extracting(OperationResult::operation).containsExactly("upgrades", "services");
      assertThat(report.results().get(0).verdict()).isEqualTo(Verdict.WARNING);
      assertThat(report.results().get(0).reason())
          .isEqualTo("held: the upgrades of web1, this window's canary, failed in this window");
      assertThat(report.results().get(1).verdict()).as("the checks still ran").isEqualTo(Verdict.OK);
    }
    assertThat(timing.next("maintenance/web2", WINDOW, WINDOW.plusSeconds(70)))
        .as("done: the next window").isEqualTo(Instant.parse("2027-01-03T03:00:00Z"));
    assertThat(mails).hasSize(3);
    assertThat(mails.get(0).subject()).isEqualTo("[gardien] web1 maintenance: 1 failed");
    assertThat(mails.get(0).body()).contains("upgrades   failed         apt-get full-upgrade failed (exit 100)");
    String scrape = scrape();
    assertThat(scrape).contains("gardien_maintenance_check_status{check=\"upgrades\",server=\"web1\"} 2.0")
        .contains("gardien_maintenance_check_status{check=\"upgrades\",server=\"web2\"} 1.0")
        .contains("gardien_maintenance_last_run_timestamp_seconds{server=\"web3\"} " + (double) WINDOW.plusSeconds(5)
            .getEpochSecond());
  }

  @Test
  void aWindowMissedByTheDaemonIsCaughtUpWithinSixHoursOnly() {
    MaintenanceWindow w = MaintenanceWindow.parse("first Sunday 03:00", ZoneId.of("Etc/UTC"));
    Instant known = WINDOW.minus(Duration.ofDays(40));
    Instant lastMonth = Instant.parse("2026-11-01T03:00:00Z");
    assertThat(MaintenanceTask.firstRun(w, lastMonth, known, WINDOW.plus(Duration.ofHours(2))))
        .as("two hours late: now").isEqualTo(WINDOW.plus(Duration.ofHours(2)));
    assertThat(MaintenanceTask.firstRun(w, lastMonth, known, WINDOW.plus(Duration.ofHours(7))))
        .as("seven hours late: next month").isEqualTo(Instant.parse("2027-01-03T03:00:00Z"));
    assertThat(MaintenanceTask.firstRun(w, WINDOW.plusSeconds(60), known, WINDOW.plus(Duration.ofHours(2))))
        .as("it ran: next month").isEqualTo(Instant.parse("2027-01-03T03:00:00Z"));
    assertThat(MaintenanceTask.firstRun(w, null, WINDOW.plusSeconds(60), WINDOW.plus(Duration.ofHours(2))))
        .as("a server met after its window: next month").isEqualTo(Instant.parse("2027-01-03T03:00:00Z"));
  }

  @Test
  void theWindowIsDueOnlyForAServerGardienKnewBeforeIt() throws Exception {
    history.save(Maintenance.record(new MaintenanceReport("web1", Instant.parse("2026-11-01T03:00:00Z"),
        Instant.parse("2026-11-01T03:10:00Z"), false, List.of(OperationResult.ok("services", "fine", null)))));
    MaintenanceTask task = task(Clock.fixed(WINDOW.plusSeconds(3600), ZoneOffset.UTC), Map.of());
    task.timing(server("web1"), FLEET);
    task.timing(server("web2"), FLEET);
    assertThat(scrape())
        .contains("gardien_maintenance_window_timestamp_seconds{server=\"web1\"} " + (double) WINDOW.getEpochSecond())
        .as("met now, after its window").doesNotContain("gardien_maintenance_window_timestamp_seconds{server=\"web2\"}")
        .as("last month's results, read back from the state database")
        .contains("gardien_maintenance_check_status{check=\"services\",server=\"web1\"} 0.0")
        .contains("gardien_maintenance_last_run_timestamp_seconds{server=\"web1\"} "
            + (double) Instant.parse("2026-11-01T03:00:00Z").getEpochSecond());
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
