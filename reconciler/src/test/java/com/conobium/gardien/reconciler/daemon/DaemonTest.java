package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's loop against a local Git repository and servers that live in memory. */
class DaemonTest {
  static final Duration LONG = Duration.ofHours(1);
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path tmp;
  UpstreamRepo upstream;
  FakeFleet fleet;
  /** Periodic tasks the next started daemon runs beside its reconciles. */
  List<PeriodicTask> tasks = List.of();
  static final String GARDIEN_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGardienTestKeyGardienTestKeyGardienTest gardien";

  DaemonMetrics metrics;
  Daemon daemon;
  StateDatabase db;

  @BeforeEach
  void setUp() throws Exception {
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    fleet = new FakeFleet();
    metrics = new DaemonMetrics();
  }

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
    if (db != null) {
      db.close();
    }
    upstream.close();
  }

  Daemon start(Duration poll, Duration drift, Duration retry, int parallel, Mode mode, int breakerFailures) {
    GitSource source = new GitSource(upstream.dir.toString(), "main", tmp.resolve("state/mirror.git"));
    RevisionGate gate = new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics);
    DaemonSettings settings = new DaemonSettings(poll, drift, retry, parallel, mode, LONG, breakerFailures,
        Duration.ofSeconds(10));
    if (db == null) {
      try {
        db = StateDatabase.open(stateLocation());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    daemon = new Daemon(source, gate, fleet, new Targets(new SecretStore(tmp.resolve("home"), new SecureRandom(),
        Clock.systemUTC()), List.of(GARDIEN_KEY)), metrics, db.repository(), settings, Clock.systemUTC(),
        Duration.ofMillis(20), tasks);
    daemon.start();
    return daemon;
  }

  /** Where this test's state database is: an H2 file here, PostgreSQL in {@link DaemonOnPostgresTest}. */
  StateLocation stateLocation() throws Exception {
    return StateLocation.embedded(tmp.resolve("state/state"));
  }

  Daemon start(Mode mode) {
    return start(Duration.ofMillis(100), LONG, LONG, 4, mode, 3);
  }

  @Test
  void convergesEachServerThenOnlyTheOneWhoseManifestChanged() throws Exception {
    upstream.fleet("web1", "web2").server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Berlin}").commit("two servers");
    start(Mode.APPLY);

    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1"))
        && "Europe/Berlin".equals(fleet.timezones.get("web2")));
    await().atMost(WAIT).until(() -> scrape().contains("gardien_last_success_timestamp_seconds{server=\"web2\"}"));
    assertThat(scrape()).contains("gardien_drift{module=\"time\",server=\"web1\"} 0.0")
        .contains("gardien_changes_total{result=\"applied\",server=\"web1\"} 1.0")
        .contains("gardien_server_up{server=\"web1\"} 1.0")
        .contains("gardien_reconcile_runs_total{result=\"converged\",server=\"web1\"} 1.0");
    // every target carries Gardien's key, or the accounts module would take it off the admin user
    assertThat(fleet.controllerKeys).containsExactly(List.of(GARDIEN_KEY));
    int web2Plans = fleet.plans("web2");

    upstream.server("web1", 10, "time: {timezone: Asia/Tokyo}").commit("web1 to Tokyo");

    await().atMost(WAIT).until(() -> "Asia/Tokyo".equals(fleet.timezones.get("web1")));
    Thread.sleep(300);
    assertThat(fleet.plans("web2")).as("web2's manifest did not change").isEqualTo(web2Plans);
    assertThat(fleet.applies("web2")).isEqualTo(1);
  }

  @Test
  void detectModeReportsDriftAndChangesNothingWhileAnApplyServerConverges() throws Exception {
    upstream.fleet("web1", "web2")
        .write("fleet.yaml", """
            apiVersion: gardien.conobium.com/v1
            kind: Fleet
            metadata: {name: test}
            spec:
              defaults:
                reconcile: {mode: detect}
            """)
        .server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Paris}\nreconcile: {mode: apply}")
        .commit("web1 detect (fleet default), web2 apply");
    start(Mode.APPLY);

    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web2")));
    await().atMost(WAIT).until(() -> scrape().contains("gardien_drift{module=\"time\",server=\"web1\"} 1.0"));
    assertThat(fleet.applies("web1")).isZero();
    assertThat(fleet.timezones).doesNotContainKey("web1");
    assertThat(scrape()).contains("gardien_reconcile_runs_total{result=\"drift\",server=\"web1\"} 1.0")
        .contains("gardien_drift{module=\"time\",server=\"web2\"} 0.0");
  }

  @Test
  void aDriftCheckCorrectsAManualChangeWithoutANewCommit() throws Exception {
    upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("one");
    start(Duration.ofMillis(100), Duration.ofMillis(300), LONG, 2, Mode.APPLY, 3);
    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1")));

    fleet.timezones.put("web1", "America/New_York");

    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1")));
    assertThat(fleet.applies("web1")).isEqualTo(2);
  }

  @Test
  void theControllerStageRunsForAServerInSyncWhenDueAndNeverInDetectMode() throws Exception {
    upstream.fleet("web1", "web2")
        .server("web1", 10, "time: {timezone: Etc/UTC}")
        .server("web2", 11, "time: {timezone: Etc/UTC}\nreconcile: {mode: detect}").commit("both in sync");
    fleet.stageDue.add("web1");
    fleet.stageDue.add("web2");
    start(Duration.ofMillis(100), Duration.ofMillis(300), LONG, 2, Mode.APPLY, 3);

    await().atMost(WAIT).until(() -> fleet.stageRuns.contains("web1"));
    await().atMost(WAIT).until(() -> fleet.plans("web2") >= 2);
    assertThat(fleet.applies("web1")).as("nothing to converge: the stage alone ran").isZero();
    assertThat(fleet.stageRuns).containsExactly("web1");
    assertThat(fleet.stageDue).as("detect mode orders nothing").containsExactly("web2");
    await().atMost(WAIT).until(() -> scrape().contains("gardien_changes_total{result=\"applied\",server=\"web1\"} 1.0"));
  }

  @Test
  void aCheckTaskEverySecondKeepsItsPaceBesideASlowReconcileOfTheSameServer() throws Exception {
    upstream.fleet("web1", "web2").server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Berlin}").commit("two servers");
    Map<String, List<Instant>> checks = new ConcurrentHashMap<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Map<String, AtomicInteger> perServer = new ConcurrentHashMap<>();
    tasks = List.of(new PeriodicTask() {
      @Override
      public String kind() {
        return "check";
      }

      @Override
      public Optional<TaskTiming> timing(Server server, FleetSpec fleet) {
        return Optional.of(TaskTiming.every(Duration.ofMillis(200)));
      }

      @Override
      public void run(Server server, FleetSpec fleet) {
        AtomicInteger mine = perServer.computeIfAbsent(server.name(), n -> new AtomicInteger());
        if (mine.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        running.incrementAndGet();
        checks.computeIfAbsent(server.name(), n -> new CopyOnWriteArrayList<>()).add(Instant.now());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        mine.decrementAndGet();
      }
    });
    fleet.applyDelay = Duration.ofSeconds(2);
    start(Mode.APPLY);

    // while web1 and web2 converge (2 s each), both keep being checked every 200 ms
    await().atMost(WAIT).until(() -> fleet.applies("web1") == 1 && fleet.applies("web2") == 1);
    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1")));
    assertThat(checks.get("web1")).as("web1 checked during its 2-s reconcile").hasSizeGreaterThanOrEqualTo(6);
    assertThat(checks.get("web2")).hasSizeGreaterThanOrEqualTo(6);
    assertThat(overlaps).as("never two checks of one server at once").hasValue(0);
    List<Instant> web1 = checks.get("web1");
    for (int i = 1; i < web1.size(); i++) {
      assertThat(Duration.between(web1.get(i - 1), web1.get(i))).as("checks keep their pace")
          .isLessThan(Duration.ofMillis(700));
    }
    assertThat(fleet.timezones).containsEntry("web2", "Europe/Berlin");
  }

  /**
   * Stopping waits for a task's run that must finish (as a maintenance run), not for one it may
   * leave behind (a check waiting on a silent server).
   */
  @Test
  void stoppingWaitsForWorkThatMustFinishButLeavesAWaitingCheckBehind() throws Exception {
    upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("one server");
    java.util.concurrent.CountDownLatch checking = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch working = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch silentServer = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean workFinished = new java.util.concurrent.atomic.AtomicBoolean();
    tasks = List.of(
        task("check", true, () -> {
          checking.countDown();
          silentServer.await(30, java.util.concurrent.TimeUnit.SECONDS);
        }),
        task("maintenance", false, () -> {
          working.countDown();
          Thread.sleep(1000);
          workFinished.set(true);
        }));
    start(Mode.DETECT);
    assertThat(checking.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(working.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    long started = System.nanoTime();
    daemon.close();
    Duration stopping = Duration.ofNanos(System.nanoTime() - started);
    silentServer.countDown();

    assertThat(workFinished).as("the maintenance run was waited for").isTrue();
    assertThat(stopping).as("the waiting check was not (it would wait 30 s)").isLessThan(Duration.ofSeconds(3));
  }

  /** A task's work, which may wait. */
  interface Work {
    void run() throws Exception;
  }

  /** A task of {@code kind} run every 200 ms doing {@code run}, left behind on stop or not. */
  static PeriodicTask task(String kind, boolean leftBehind, Work run) {
    return new PeriodicTask() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public Optional<TaskTiming> timing(Server server, FleetSpec fleet) {
        return Optional.of(TaskTiming.every(Duration.ofMillis(200)));
      }

      @Override
      public void run(Server server, FleetSpec fleet) {
        try {
          run.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public boolean leftBehindOnStop() {
        return leftBehind;
      }
    };
  }

  @Test
  void anInvalidCommitIsNotAppliedAndTheLastGoodRevisionStaysInForce() throws Exception {
    String good = upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("good");
    start(Mode.APPLY);
    await().atMost(WAIT).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1")));

    upstream.server("web1", 10, "time: {timezone: Asia/Tokyo}\nssh: {prot: 22}").commit("typo");

    await().atMost(WAIT).until(() -> scrape().contains("gardien_validation_failures_total 1.0"));
    Thread.sleep(300);
    assertThat(fleet.timezones.get("web1")).isEqualTo("Europe/Paris");
    assertThat(daemon.inForce().orElseThrow().revision().id()).isEqualTo(good);
    assertThat(scrape()).contains("gardien_git_revision_info{revision=\"" + good + "\"} 1")
        .contains("gardien_validation_failures_total 1.0");

    String fixed = upstream.server("web1", 10, "time: {timezone: Asia/Tokyo}\nssh: {port: 22}").commit("fix");
    await().atMost(WAIT).until(() -> "Asia/Tokyo".equals(fleet.timezones.get("web1")));
    assertThat(daemon.inForce().orElseThrow().revision().id()).isEqualTo(fixed);
  }

  @Test
  void serversRunInParallelUpToTheLimitAndEachServerOneRunAtATime() throws Exception {
    upstream.fleet("a", "b", "c", "d", "e").commit("five");
    fleet.delay = Duration.ofMillis(150);
    // every server is due again 10 ms after it started: only serialisation holds it back
    start(Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(10), 2, Mode.DETECT, 3);

    await().atMost(WAIT).until(() -> fleet.finished.get() >= 12);

    assertThat(fleet.maxRunning.get()).isEqualTo(2);
    assertThat(fleet.maxRunningOneServer.get()).isEqualTo(1);
  }

  @Test
  void aServerThatStaysUnreachableIsLeftAloneByItsCircuitBreaker() throws Exception {
    upstream.fleet("web1", "web2").commit("two");
    fleet.unreachable.add("web1");
    start(Duration.ofMillis(100), LONG, Duration.ofMillis(30), 2, Mode.APPLY, 2);

    await().atMost(WAIT).until(() -> scrape().contains(
        "gardien_reconcile_runs_total{result=\"circuit_open\",server=\"web1\"}"));
    int tries = fleet.plans("web1");
    Thread.sleep(300);

    assertThat(tries).isEqualTo(2);
    assertThat(fleet.plans("web1")).isEqualTo(2);
    assertThat(scrape()).contains("gardien_server_up{server=\"web1\"} 0.0")
        .contains("gardien_server_up{server=\"web2\"} 1.0")
        .contains("gardien_reconcile_runs_total{result=\"unreachable\",server=\"web1\"} 2.0");
  }

  @Test
  void aNewCommitClosesAnOpenBreakerAndTheServerIsTriedAtOnce() throws Exception {
    upstream.fleet("web1", "web2").commit("two");
    fleet.unreachable.add("web1");
    start(Duration.ofMillis(100), LONG, Duration.ofMillis(30), 2, Mode.APPLY, 2);
    await().atMost(WAIT).until(() -> scrape().contains(
        "gardien_reconcile_runs_total{result=\"circuit_open\",server=\"web1\"}"));
    assertThat(scrape()).as("counted from when the daemon began to manage it, though it never converged")
        .containsPattern("gardien_last_success_timestamp_seconds\\{server=\"web1\"} [1-9]")
        .contains("gardien_server_info{mode=\"apply\",profile=\"test\",server=\"web1\"} 1");
    int tries = fleet.plans("web1");

    // the operator opens the firewall by hand and pushes a commit that touches another server only
    fleet.unreachable.remove("web1");
    upstream.server("web2", 11, "time: {timezone: Asia/Tokyo}").commit("retry");

    await().atMost(WAIT).until(() -> fleet.plans("web1") > tries);
    await().atMost(WAIT).until(() -> scrape().contains("gardien_server_up{server=\"web1\"} 1.0"));
  }

  @Test
  void aWebhookRequestFetchesAtOnce() throws Exception {
    upstream.fleet("web1").commit("one");
    start(LONG, LONG, LONG, 2, Mode.APPLY, 3);
    await().atMost(WAIT).until(() -> daemon.inForce().isPresent());

    String next = upstream.server("web1", 10, "time: {timezone: Europe/Paris}").commit("two");
    daemon.requestFetch();

    await().atMost(Duration.ofSeconds(5)).until(() -> "Europe/Paris".equals(fleet.timezones.get("web1")));
    assertThat(daemon.inForce().orElseThrow().revision().id()).isEqualTo(next);
  }

  @Test
  void closingLetsAServerThatIsApplyingFinishAndStartsNoOther() throws Exception {
    upstream.fleet("web1", "web2").server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Paris}").commit("two");
    fleet.applyDelay = Duration.ofMillis(800);
    start(Duration.ofMillis(100), LONG, LONG, 1, Mode.APPLY, 3);
    await().atMost(WAIT).until(() -> fleet.applies("web1") + fleet.applies("web2") == 1);

    daemon.close();

    assertThat(fleet.running.get()).isZero();
    assertThat(fleet.interrupted.get()).as("the apply was not interrupted").isFalse();
    assertThat(fleet.timezones).as("the server being applied finished").hasSize(1).containsValue("Europe/Paris");
    int finished = fleet.finished.get();
    Thread.sleep(300);
    assertThat(fleet.finished.get()).as("nothing started after close").isEqualTo(finished);
    assertThat(daemon.alive()).isFalse();
  }

  @Test
  void closingAbandonsAServerThatIsStillPlanningAndChangesNothing() throws Exception {
    upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("one");
    fleet.delay = Duration.ofSeconds(30);
    start(Mode.APPLY);
    await().atMost(WAIT).until(() -> fleet.running.get() == 1);

    long start = System.nanoTime();
    daemon.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(fleet.interrupted.get()).isTrue();
    assertThat(fleet.applies("web1")).isZero();
    assertThat(fleet.timezones).isEmpty();
  }

  @Test
  void aServerRemovedFromTheRepositoryLosesItsSeries() throws Exception {
    upstream.fleet("web1", "web2").commit("two");
    start(Mode.DETECT);
    await().atMost(WAIT).until(() -> scrape().contains("gardien_server_up{server=\"web2\"}"));

    upstream.delete("servers/web2.yaml").commit("web2 leaves");

    await().atMost(WAIT).until(() -> !scrape().contains("server=\"web2\""));
    assertThat(scrape()).contains("gardien_server_up{server=\"web1\"} 1.0");
  }

  /** Stops the daemon as a SIGTERM would, and starts a new one on the same state directory and database. */
  Daemon restart(Duration drift, Duration retry, Mode mode) {
    daemon.close();
    metrics = new DaemonMetrics();
    return start(Duration.ofMillis(100), drift, retry, 2, mode, 3);
  }

  @Test
  void eachRunIsStoredWithItsChangesAndTheServersStatus() throws Exception {
    String rev = upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("one");
    start(Mode.APPLY);
    StateRepository repo = db.repository();

    await().atMost(WAIT).until(() -> !repo.runs("web1", 1).isEmpty());

    RunRecord run = repo.runs("web1", 1).get(0);
    assertThat(run).extracting(RunRecord::revision, RunRecord::reason, RunRecord::mode, RunRecord::result,
        RunRecord::driftCount, RunRecord::appliedCount, RunRecord::failedCount, RunRecord::error)
        .containsExactly(rev, "spec_changed", "apply", "converged", 1, 1, 0, null);
    assertThat(repo.changes(run.id())).containsExactly(
        new ChangeRecord("time", "~ timezone: Etc/UTC -> Europe/Paris", ChangeRecord.Status.APPLIED, null));
    assertThat(repo.servers().get("web1")).satisfies(s -> {
      assertThat(s.lastResult()).isEqualTo("converged");
      assertThat(s.lastFailed()).isFalse();
      assertThat(s.lastSuccess()).isNotNull();
      assertThat(s.revision()).isEqualTo(rev);
      assertThat(s.specHash()).hasSize(64);
    });
    assertThat(repo.revision().orElseThrow().id()).isEqualTo(rev);
  }

  @Test
  void aSensitiveDriftIsStoredMasked() throws Exception {
    upstream.fleet("web1").server("web1", 10, "time: {timezone: Europe/Paris}").commit("one");
    fleet.sensitive.add("web1");
    start(Mode.DETECT);
    StateRepository repo = db.repository();

    await().atMost(WAIT).until(() -> !repo.runs("web1", 1).isEmpty());

    RunRecord run = repo.runs("web1", 1).get(0);
    assertThat(run.result()).isEqualTo("drift");
    assertThat(repo.changes(run.id())).containsExactly(new ChangeRecord("time",
        "~ timezone: (sensitive value) -> (sensitive value)", ChangeRecord.Status.DRIFT, null));
  }

  @Test
  void aRestartedDaemonDoesNotRunAConvergedServerAgainBeforeItsDriftInterval() throws Exception {
    upstream.fleet("web1", "web2").server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Berlin}").commit("two servers");
    start(Mode.APPLY);
    StateRepository repo = db.repository();
    await().atMost(WAIT).until(() -> repo.runs("web1", 1).size() + repo.runs("web2", 1).size() == 2);
    int web1Plans = fleet.plans("web1");

    restart(LONG, LONG, Mode.APPLY);
    // the restarted daemon knows web1 before running anything
    assertThat(daemon.status().get("web1").lastResult()).isEqualTo("converged");
    upstream.server("web2", 11, "time: {timezone: Asia/Tokyo}").commit("web2 to Tokyo");
    // web2 ran, so the restarted loop has looked at every server of the revision
    await().atMost(WAIT).until(() -> "Asia/Tokyo".equals(fleet.timezones.get("web2"))
        && repo.runs("web2", 5).size() == 2);

    assertThat(fleet.plans("web1")).as("web1: same spec, last run succeeded, drift interval not due")
        .isEqualTo(web1Plans);
    assertThat(repo.runs("web1", 5)).hasSize(1);
  }

  @Test
  void aRestartedDaemonRunsAServerWhoseManifestChangedWhileItWasDownAndOneDueForItsDriftCheck() throws Exception {
    upstream.fleet("web1", "web2").server("web1", 10, "time: {timezone: Europe/Paris}")
        .server("web2", 11, "time: {timezone: Europe/Berlin}").commit("two servers");
    start(Mode.APPLY);
    StateRepository repo = db.repository();
    await().atMost(WAIT).until(() -> repo.runs("web1", 1).size() + repo.runs("web2", 1).size() == 2);
    daemon.close();
    upstream.server("web1", 10, "time: {timezone: Asia/Tokyo}").commit("web1 to Tokyo while down");
    fleet.timezones.put("web2", "America/New_York"); // a manual change, for the drift check

    restart(Duration.ofMillis(300), LONG, Mode.APPLY);

    await().atMost(WAIT).until(() -> "Asia/Tokyo".equals(fleet.timezones.get("web1")));
    await().atMost(WAIT).until(() -> "Europe/Berlin".equals(fleet.timezones.get("web2")));
    // the change is made during the run, which is stored after it ends (seen read too early once)
    await().atMost(WAIT).until(() -> repo.runs("web1", 1000).size() >= 2 && repo.runs("web2", 1000).size() >= 2);
    // newest first: the first run after the restart is the second oldest
    List<RunRecord> web1 = repo.runs("web1", 1000);
    List<RunRecord> web2 = repo.runs("web2", 1000);
    assertThat(web1.get(web1.size() - 2).reason()).isEqualTo("spec_changed");
    assertThat(web2.get(web2.size() - 2).reason()).isEqualTo("drift_check");
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
