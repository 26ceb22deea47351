package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostSpec;
import com.conobium.gardien.testhosts.TestHost;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code gardien run} end to end on a real Debian 13 host: the daemon follows a local bare Git
 * repository (1 s poll, 3 s drift interval) and reaches the host over SSH with the engine of
 * {@code apply}. The tests share the host (over the web-stack layer, so the first converge installs
 * little), the repository and the daemon, and run in order.
 */
@ExtendWith(DebianHostExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonIT {
  static final String SPEC = """
      packages:
        install: [tree]
      time:
        timezone: Europe/Paris
      """;
  static final Duration CONVERGE = Duration.ofSeconds(180);
  static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);

  static TestHost host;
  static TestRepo repo;
  static Git work;
  static Path bare;
  static DaemonStarter.Running daemon;
  static DaemonStarter starter;
  static RunOptions options;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void boot(@HostSpec(webStack = true) TestHost booted) throws Exception {
    host = booted;
    Path dir = Files.createTempDirectory("gardien-daemon-it");
    bare = dir.resolve("config.git");
    Git.init().setBare(true).setGitDir(bare.toFile()).setInitialBranch("main").call().close();
    repo = new TestRepo(dir.resolve("work"), host);
    work = Git.init().setDirectory(repo.root.toFile()).setInitialBranch("main").call();
    repo.write(SPEC);
    commit("first manifest for " + host.name());

    options = new RunOptions();
    options.repo = bare.toString();
    options.branch = "main";
    options.identity = host.rootKey();
    options.listen = "127.0.0.1:0";
    options.stateDir = dir.resolve("state");
    options.rollbackAfterSeconds = 90;
    DaemonSettings settings = new DaemonSettings(Duration.ofSeconds(1), DRIFT_INTERVAL, Duration.ofSeconds(2), 2,
        Mode.APPLY, Duration.ofMinutes(5), 3, Duration.ofSeconds(60));
    starter = Guice.createInjector(new CliWiring(repo.home)).getInstance(DaemonStarter.class);
    daemon = starter.start(options, settings, Duration.ofMillis(200));
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
    if (work != null) {
      work.close();
    }
  }

  @Test
  @Order(1)
  void aCommittedManifestConvergesTheHostAndADriftCheckThenChangesNothing() throws Exception {
    String first = head();

    await().atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
        .until(() -> metrics().contains("gardien_reconcile_runs_total{result=\"converged\",server=\""
            + host.name() + "\"}"));

    assertThat(host.check("dpkg-query -W -f '${Status}' tree")).isEqualTo("install ok installed");
    assertThat(host.check("readlink /etc/localtime")).endsWith("/Europe/Paris\n");
    String m = metrics();
    assertThat(m).contains("gardien_git_revision_info{revision=\"" + first + "\"} 1")
        .contains("gardien_server_up{server=\"" + host.name() + "\"} 1.0")
        .contains("gardien_reconcile_runs_total{result=\"converged\",server=\"" + host.name() + "\"} 1.0")
        .doesNotContain("gardien_changes_total{result=\"failed\"");
    assertThat(driftTotal(m)).isZero();
    double applied = value(m, "gardien_changes_total{result=\"applied\",server=\"" + host.name() + "\"}");
    assertThat(applied).isPositive();

    // the next drift check finds the host in sync and changes nothing
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics()
        .contains("gardien_reconcile_runs_total{result=\"in_sync\",server=\"" + host.name() + "\"}"));
    assertThat(value(metrics(), "gardien_changes_total{result=\"applied\",server=\"" + host.name() + "\"}"))
        .isEqualTo(applied);
  }

  @Test
  @Order(2)
  void inDetectModeAManualChangeIsReportedAsDriftAndLeftAlone() throws Exception {
    repo.write(SPEC + "reconcile:\n  mode: detect\n");
    commit("detect only");
    String detect = head();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> metrics().contains("gardien_git_revision_info{revision=\"" + detect + "\"} 1"));
    // a run started before the new revision may still be in flight: wait for one in detect mode
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode s = status().get("servers").get(host.name());
      return s != null && s.get("mode").asText().equals("detect") && !s.get("running").asBoolean();
    });

    host.check("ln -sf /usr/share/zoneinfo/Asia/Tokyo /etc/localtime && echo Asia/Tokyo > /etc/timezone");

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> value(metrics(), "gardien_drift{module=\"time\",server=\"" + host.name() + "\"}") > 0);
    Thread.sleep(DRIFT_INTERVAL.toMillis() + 1000);
    assertThat(host.check("readlink /etc/localtime")).as("detect mode changes nothing").endsWith("/Asia/Tokyo\n");
    assertThat(metrics()).contains("gardien_reconcile_runs_total{result=\"drift\",server=\"" + host.name() + "\"}");
  }

  @Test
  @Order(3)
  void anInvalidCommitIsNotAppliedAndRaisesTheValidationMetric() throws Exception {
    String inForce = head();
    double before = value(metrics(), "gardien_validation_failures_total");
    repo.write(SPEC + "reconcile:\n  mode: apply\nssh:\n  prot: 22\n");
    commit("apply again, with a typo");

    await().atMost(Duration.ofSeconds(30))
        .until(() -> value(metrics(), "gardien_validation_failures_total") == before + 1);
    Thread.sleep(DRIFT_INTERVAL.toMillis() + 1000);

    String m = metrics();
    assertThat(m).contains("gardien_git_revision_info{revision=\"" + inForce + "\"} 1");
    assertThat(host.check("readlink /etc/localtime")).as("the invalid revision (mode apply) was not applied")
        .endsWith("/Asia/Tokyo\n");
    assertThat(value(m, "gardien_drift{module=\"time\",server=\"" + host.name() + "\"}")).isPositive();
  }

  @Test
  @Order(4)
  void theFixedCommitInApplyModeCorrectsTheDrift() throws Exception {
    repo.write(SPEC + "reconcile:\n  mode: apply\n");
    commit("apply again");
    String fixed = head();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> host.check("readlink /etc/localtime").endsWith("/Europe/Paris\n"));
    await().atMost(Duration.ofSeconds(30)).until(() -> driftTotal(metrics()) == 0);

    String m = metrics();
    assertThat(m).contains("gardien_git_revision_info{revision=\"" + fixed + "\"} 1");
    assertThat(value(m, "gardien_validation_failures_total")).isEqualTo(1);
  }

  @Test
  @Order(5)
  void aPullRequestPlanCoversOnlyTheChangedServerAsMarkdown() throws Exception {
    String head = head();
    String base = null;
    for (var c : work.log().call()) {
      base = c.getId().name();   // the oldest: the first manifest
    }

    CliRun plan = CliRun.inHome(repo.home, "plan", repo.root.toString(), "--identity", host.rootKey().toString(),
        "--changed-since", base, "--format", "markdown");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(plan.stdout()).startsWith("### Gardien plan")
        .contains("1 server(s) changed since `" + base.substring(0, 12) + "`")
        .contains("| `" + host.name() + "` | in sync | 0 | 0 | 1 |");
    assertThat(CliRun.inHome(repo.home, "plan", repo.root.toString(), "--changed-since", head, "--format",
        "markdown").stdout()).contains("nothing to plan");
  }

  @Test
  @Order(6)
  void inApplyModeAManualChangeIsCorrectedWithinADriftInterval() throws Exception {
    double applied = value(metrics(), "gardien_changes_total{result=\"applied\",server=\"" + host.name() + "\"}");

    host.check("ln -sf /usr/share/zoneinfo/Asia/Tokyo /etc/localtime && echo Asia/Tokyo > /etc/timezone");

    await().atMost(DRIFT_INTERVAL.plusSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(() -> host.check("readlink /etc/localtime").endsWith("/Europe/Paris\n"));
    await().atMost(Duration.ofSeconds(10)).until(() -> driftTotal(metrics()) == 0);
    assertThat(value(metrics(), "gardien_changes_total{result=\"applied\",server=\"" + host.name() + "\"}"))
        .isGreaterThan(applied);
  }

  @Test
  @Order(7)
  void aRestartedDaemonCarriesOnFromTheStateDatabaseWithoutRunningTheConvergedHostAgain() throws Exception {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      JsonNode s = status().get("servers").get(host.name());
      return s.get("lastResult").asText().equals("in_sync") && !s.get("running").asBoolean();
    });
    String lastSuccess = status().get("servers").get(host.name()).get("lastSuccess").asText();
    daemon.close();
    // a drift interval long enough that only the stored status can explain not running the host
    DaemonSettings slow = new DaemonSettings(Duration.ofSeconds(1), Duration.ofMinutes(30), Duration.ofSeconds(2), 2,
        Mode.APPLY, Duration.ofMinutes(5), 3, Duration.ofSeconds(60));
    daemon = starter.start(options, slow, Duration.ofMillis(200));

    String inForce = head();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> metrics().contains("gardien_git_revision_info{revision=\"" + inForce + "\"} 1"));
    Thread.sleep(3000);   // several ticks of the loop
    JsonNode s = status().get("servers").get(host.name());
    assertThat(s).as("the stored status is loaded").isNotNull();
    assertThat(s.get("lastResult").asText()).isEqualTo("in_sync");
    assertThat(Instant.parse(s.get("lastSuccess").asText())).as("stored to the millisecond")
        .isEqualTo(Instant.parse(lastSuccess).truncatedTo(ChronoUnit.MILLIS));
    assertThat(metrics()).as("no run of the converged host after the restart")
        .doesNotContain("gardien_reconcile_runs_total{result=\"in_sync\",server=\"" + host.name() + "\"}")
        .doesNotContain("gardien_reconcile_runs_total{result=\"converged\",server=\"" + host.name() + "\"}");

    // a manifest change still runs it at once
    repo.write(SPEC.replace("Europe/Paris", "Europe/Berlin") + "reconcile:\n  mode: apply\n");
    commit("Berlin");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> host.check("readlink /etc/localtime").endsWith("/Europe/Berlin\n"));
    await().atMost(Duration.ofSeconds(30)).until(() -> metrics()
        .contains("gardien_reconcile_runs_total{result=\"converged\",server=\"" + host.name() + "\"} 1.0"));
  }

  /**
   * The host stops answering (every packet to it dropped, as a powered-off server behind a router
   * looks): the daemon shows it unreachable on /metrics and /status within about one connect
   * timeout (10 s) of the run that meets it, and SIGTERM while a run waits on it stops the daemon at
   * once, without waiting for the connect.
   */
  @Test
  @Order(8)
  void aServerThatStopsAnsweringIsUnreachableWithinOneConnectTimeoutAndStopDoesNotWaitForIt() throws Exception {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> !status().get("servers").get(host.name()).get("running").asBoolean());
    host.check("nft add table inet gardien_test_off && nft add chain inet gardien_test_off input"
        + " '{ type filter hook input priority -300; policy drop; }'");
    try {
      repo.write(SPEC.replace("Europe/Paris", "Europe/Rome") + "reconcile:\n  mode: apply\n");
      commit("Rome, while the host answers nothing");
      String revision = head();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> metrics().contains("gardien_git_revision_info{revision=\"" + revision + "\"} 1"));
      long start = System.nanoTime();

      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> metrics().contains("gardien_server_up{server=\"" + host.name() + "\"} 0.0"));
      Duration seen = Duration.ofNanos(System.nanoTime() - start);
      assertThat(seen).as("unreachable on /metrics after " + seen).isLessThan(Duration.ofSeconds(20));
      assertThat(status().get("servers").get(host.name()).get("lastResult").asText()).isEqualTo("unreachable");

      // the next run (2 s retry interval) waits on the silent host: stopping does not wait for it
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> status().get("servers").get(host.name()).get("running").asBoolean());
      Thread.sleep(500);
      long stop = System.nanoTime();
      daemon.close();
      Duration stopping = Duration.ofNanos(System.nanoTime() - stop);
      assertThat(stopping).as("stopped after " + stopping).isLessThan(Duration.ofSeconds(5));
    } finally {
      host.check("nft delete table inet gardien_test_off");
    }
    assertThat(host.check("readlink /etc/localtime")).as("nothing was applied").doesNotEndWith("/Europe/Rome\n");
  }

  static void commit(String message) throws Exception {
    work.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    work.push().setRemote(bare.toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
  }

  static String head() throws Exception {
    return work.getRepository().resolve("refs/heads/main").name();
  }

  static JsonNode status() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.httpAddress().getPort() + "/status");
    return new ObjectMapper().readTree(
        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  static String metrics() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.httpAddress().getPort() + "/metrics");
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The value of one series, 0 when absent. */
  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  /** The sum of every gardien_drift series of the host. */
  static double driftTotal(String metrics) {
    Matcher m = Pattern.compile("(?m)^gardien_drift\\{module=\"[^\"]+\",server=\"" + Pattern.quote(host.name())
        + "\"\\} (\\S+)$").matcher(metrics);
    double sum = 0;
    int series = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      series++;
    }
    assertThat(series).as("drift series of " + host.name()).isPositive();
    return sum;
  }
}
