package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.conobium.gardien.modules.backup.BackupModule;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.modules.tls.TlsModule;
import com.conobium.gardien.modules.tls.TlsPlanner;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.maintenance.MaintenanceMetrics;
import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.monitor.MonitorMetrics;
import com.conobium.gardien.reconciler.monitor.Observation;
import com.conobium.gardien.reconciler.git.Revision;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example alert rules ({@code examples/prometheus}) are valid, do what their tests say (Prometheus's
 * own {@code promtool}), and use only metrics the daemon produces — the modules' readings included,
 * under the names the modules give them — each listed in docs/daemon.md.
 */
class PromtoolRulesTest {
  static final Path DIR = Path.of("../examples/prometheus");

  @Test
  void promtoolChecksTheRules() throws Exception {
    Result check = promtool("check", "rules", "gardien.rules.yml");

    assertThat(check.status).as(check.output).isZero();
    assertThat(check.output).contains("SUCCESS: 10 rules found");
  }

  @Test
  void promtoolRunsTheRuleTests() throws Exception {
    Result test = promtool("test", "rules", "gardien.rules.test.yml");

    assertThat(test.status).as(test.output).isZero();
    assertThat(test.output).contains("SUCCESS");
  }

  @Test
  void theRulesUseOnlyMetricsTheDaemonProducesAndTheDocsList() throws Exception {
    String rules = Files.readString(DIR.resolve("gardien.rules.yml"));
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("gardien_[a-z_]+").matcher(rules.replaceAll("(?m)^\\s*#.*$", ""));
    while (m.find()) {
      used.add(m.group());
    }
    String exposed = exposition();
    String docs = Files.readString(Path.of("../docs/daemon.md"));

    assertThat(used).isNotEmpty();
    assertThat(used).contains("gardien_certificate_expiry_timestamp_seconds", "gardien_incidents_open",
        "gardien_monitor_certificate_expiry_timestamp_seconds",
        "gardien_backup_last_success_timestamp_seconds", "gardien_maintenance_window_timestamp_seconds");
    for (String name : used) {
      assertThat(exposed).as("the daemon exposes " + name).containsPattern("(?m)^" + name + "[{ ]");
      assertThat(docs).as("docs/daemon.md lists " + name).contains("`" + name + "`");
    }
  }

  @Test
  void theGrafanaDashboardUsesOnlyMetricsTheDaemonProduces() throws Exception {
    String dashboard = Files.readString(Path.of("../examples/grafana/gardien-dashboard.json"));
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(dashboard);
    Set<String> used = new TreeSet<>();
    Matcher m = Pattern.compile("gardien_[a-z_]+").matcher(dashboard);
    while (m.find()) {
      used.add(m.group());
    }
    String exposed = exposition();

    assertThat(used).hasSizeGreaterThan(5);
    for (String name : used) {
      assertThat(exposed).as("the daemon exposes " + name).containsPattern("(?m)^" + name + "[{ ]");
    }
  }

  /** Every metric the daemon has, each with one sample. */
  static String exposition() throws Exception {
    DaemonMetrics metrics = new DaemonMetrics();
    metrics.revision(new Revision("0123456789abcdef0123456789abcdef01234567", Instant.EPOCH, "x"));
    Change change = Change.add("packages tree", "installed", List.of());
    metrics.outcome(new ServerOutcome("web1", List.of(new ModuleOutcome("packages", List.of(change), List.of(),
        ModuleOutcome.Status.FAILED, "failed", 0)), null, 1, Duration.ofSeconds(1)), Duration.ofSeconds(1),
        Instant.now());
    metrics.outcome(new ServerOutcome("web1", List.of(new ModuleOutcome("packages", List.of(), List.of(),
        ModuleOutcome.Status.IN_SYNC, null, 0),
        new ModuleOutcome(TlsModule.NAME, List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0,
            List.of(new Reading(TlsPlanner.EXPIRY, "expiry", Map.of("site", "shop"), 1.8e9))),
        new ModuleOutcome(BackupModule.NAME, List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0,
            List.of(Reading.of(BackupModule.LAST_SUCCESS, "last success", 1.7e9)))),
        null, 1, Duration.ofSeconds(1)), Duration.ofSeconds(1), Instant.now());
    metrics.changed("web1", null);
    metrics.validationFailed();
    new MonitorMetrics(metrics.registry()).round("web1", List.of(
        new Observation("ssh", false, Duration.ofSeconds(10), "no answer (timed out)"),
        new Observation("site shop", true, Duration.ofMillis(40), null, Instant.parse("2027-01-01T00:00:00Z"))),
        5, true);
    MaintenanceMetrics maintenance = new MaintenanceMetrics(metrics.registry());
    maintenance.report(new MaintenanceReport("web1", Instant.now(), Instant.now(), false,
        List.of(OperationResult.failed("portScan", "open but not opened by the manifest: 8081/tcp", null))));
    maintenance.window("web1", Instant.now());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  record Result(int status, String output) {}

  static Result promtool(String... args) throws Exception {
    Path promtool = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "promtool"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    if (promtool == null) {
      if ("1".equals(System.getenv("GARDIEN_REQUIRE_TESTHOSTS"))) {
        throw new AssertionError("promtool is missing (Debian package prometheus; scripts/install-test-deps installs it)");
      }
      assumeTrue(false, "promtool is missing (Debian package prometheus); skipped");
    }
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Result(p.exitValue(), output);
  }
}
