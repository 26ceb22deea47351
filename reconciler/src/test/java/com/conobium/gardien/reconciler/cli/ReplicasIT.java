package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.Lease;
import com.conobium.gardien.reconciler.state.SecondLookStore;
import com.conobium.gardien.reconciler.state.PostgresServer;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostSpec;
import com.conobium.gardien.testhosts.ProcessGroup;
import com.conobium.gardien.testhosts.TestHost;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three {@code gardien run --lease} replicas, each its own process from the built jar, share a
 * fleet through a real PostgreSQL state database: one real Debian 13 host and eight simulated
 * servers (addresses where nothing answers). Every server is owned by exactly one live replica and
 * the three share them; the real host is converged once, by its owner. Then its owner is killed
 * with SIGKILL: its servers are taken over by the two others within the lease's bound, the host is
 * checked again by its new owner, and nothing is applied twice.
 *
 * <p>Then two replicas, each in a control group of its own whose network the test cuts from where
 * it stands ({@link ProcessGroup}): the route from the host's owner to the host cut opens no
 * incident while the other reaches it; a real outage both see opens one, seen by both; the owner
 * cut off from PostgreSQL stops acting and the other takes the host over.
 */
@ExtendWith(DebianHostExtension.class)
class ReplicasIT {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  static final Duration LEASE = Duration.ofSeconds(6);
  /** A dead replica's leases expire within LEASE of its last round; the others look every LEASE / 3. */
  static final Duration TAKEOVER = LEASE.plus(LEASE.dividedBy(3));
  static final int SIMULATED = 8;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void threeReplicasShareTheFleetAndTakeOverADeadOnesServers(@HostSpec(webStack = true) TestHost host)
      throws Exception {
    Path dir = Files.createTempDirectory("gardien-replicas-it");
    TestRepo repo = new TestRepo(dir.resolve("work"), host).write("""
        packages:
          install: [tree]
        monitoring: {interval: 10s}
        """);
    String manifest = Files.readString(repo.root.resolve("servers").resolve(host.name() + ".yaml"));
    for (int i = 1; i <= SIMULATED; i++) {
      Files.writeString(repo.root.resolve("servers").resolve("sim" + i + ".yaml"), manifest
          .replace("name: " + host.name(), "name: sim" + i)
          .replace("address: " + host.address(), "address: 198.18.250." + i));
    }
    BareConfigRepo config = BareConfigRepo.create(dir.resolve("config.git"));
    config.publish(repo.root, "a real host and " + SIMULATED + " simulated servers");
    StateLocation location = postgres.newDatabase();
    Map<String, String> env = Map.of(StateLocation.URL_ENV, location.url(), StateLocation.USER_ENV, location.user(),
        StateLocation.PASSWORD_ENV, location.password());
    // the replicas share one secret key (a mounted secret in a real deployment): made once, here
    new SecretStoreFactory().create(repo.home, StateAccess.of(repo.home, env))
        .getOrCreate(host.name(), "root-password", 30, SecretOwner.CUSTOMER);

    Map<String, Replica> replicas = new HashMap<>();
    try {
      for (String id : List.of("r1", "r2", "r3")) {
        replicas.put(id, Replica.start(id, config, repo, host, env, dir));
      }
      Set<String> servers = new TreeSet<>();
      servers.add(host.name());
      for (int i = 1; i <= SIMULATED; i++) {
        servers.add("sim" + i);
      }
      try (StateDatabase db = StateDatabase.open(location)) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
            .until(() -> owners(db, Set.of("r1", "r2", "r3")).keySet().equals(servers));
        Map<String, String> owners = owners(db, Set.of("r1", "r2", "r3"));
        assertThat(new TreeSet<>(owners.values())).as("the three share the servers: " + owners)
            .containsExactly("r1", "r2", "r3");
        for (Replica r : replicas.values()) {
          Set<String> mine = owners.entrySet().stream().filter(e -> e.getValue().equals(r.id))
              .map(Map.Entry::getKey).collect(Collectors.toSet());
          await().atMost(Duration.ofSeconds(10)).until(() -> ownedPerStatus(r).equals(mine));
        }

        String first = owners.get(host.name());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
            .until(() -> host.exec("dpkg-query -W -f '${Status}' tree").stdout().equals("install ok installed")
                && db.repository().runs(host.name(), 50).stream().anyMatch(r -> r.result().equals("in_sync")));

        // SIGKILL right after its check of the host: no goodbye, its leases simply stop being renewed
        Replica dead = replicas.remove(first);
        double before = checksOf(dead, host.name());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
            .until(() -> checksOf(dead, host.name()) > before);
        long lastCheck = System.nanoTime();
        Instant killed = Instant.now();
        dead.process.destroyForcibly();
        assertThat(dead.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Set<String> orphaned = owners.entrySet().stream().filter(e -> e.getValue().equals(first))
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> alive = replicas.keySet();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> owners(db, alive).keySet().containsAll(orphaned));
        Duration takeover = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("ReplicasIT: owners " + owners + "; " + first + " killed; its " + orphaned.size()
            + " server(s) taken over " + takeover.toMillis() + " ms later (bound " + TAKEOVER.toMillis() + " ms)");
        assertThat(takeover).as("the dead replica's servers taken over after " + takeover)
            .isLessThan(TAKEOVER.plusSeconds(3));
        assertThat(owners(db, alive).keySet()).isEqualTo(servers);

        // the new owner checks the host on the dead one's grid: unchecked for two intervals at most
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50))
            .until(() -> replicas.values().stream().anyMatch(r -> checksOf(r, host.name()) > 0));
        Duration unchecked = Duration.ofNanos(System.nanoTime() - lastCheck);
        System.out.println("ReplicasIT: the host unchecked for " + unchecked.toMillis() + " ms (interval 10 s)");
        assertThat(unchecked).as("no check missed for more than two intervals").isLessThan(Duration.ofSeconds(20));

        // the new owner carries on with the real host: a new run, stored under its lease
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> db.repository().runs(host.name(), 5).stream().anyMatch(r -> r.started().isAfter(killed)));
        List<RunRecord> runs = db.repository().runs(host.name(), 200);
        assertThat(runs.stream().filter(r -> r.result().equals("converged")).count())
            .as("converged once, by one replica: " + runs.stream().map(RunRecord::result).toList()).isEqualTo(1);
        assertThat(runs).allSatisfy(r -> assertThat(r.result()).isIn("converged", "in_sync"));

        // one replica follows the branch; a new commit is fetched and validated there, recorded once,
        // and put in force by the others from the database
        repo.write("packages:\n  install: [tree]\ntime:\n  timezone: Europe/Paris\n");
        config.publish(repo.root, "Paris");
        String head = config.head();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
            .until(() -> replicas.values().stream().allMatch(r -> head.equals(revisionOf(r))));
        List<Lease> git = db.leases().leases().stream()
            .filter(l -> l.server().equals(com.conobium.gardien.reconciler.daemon.Membership.GIT)
                && l.expires().isAfter(Instant.now()) && alive.contains(l.owner())).toList();
        assertThat(git).as("one live replica follows the branch").hasSize(1);
        assertThat(db.operators().revisions(20)).filteredOn(r -> r.revision().equals(head))
            .as("the revision is recorded once, by the replica following the branch").hasSize(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> host.exec("readlink /etc/localtime").stdout().endsWith("/Europe/Paris\n"));
      }
    } finally {
      for (Replica r : replicas.values()) {
        r.process.destroy();
        r.process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anOutageOneReplicaAloneSeesOpensNoIncidentAndAReplicaCutOffFromPostgresStopsActing(TestHost host)
      throws Exception {
    Path dir = Files.createTempDirectory("gardien-vantage-it");
    TestRepo repo = new TestRepo(dir.resolve("work"), host).write("""
        monitoring: {interval: 1s, failuresBeforeAlert: 3}
        """);
    BareConfigRepo config = BareConfigRepo.create(dir.resolve("config.git"));
    config.publish(repo.root, "one real host, checked every second");
    StateLocation location = postgres.newDatabase();
    int postgresPort = URI.create(location.url().substring("jdbc:".length())).getPort();
    Map<String, String> env = Map.of(StateLocation.URL_ENV, location.url(), StateLocation.USER_ENV, location.user(),
        StateLocation.PASSWORD_ENV, location.password());
    new SecretStoreFactory().create(repo.home, StateAccess.of(repo.home, env))
        .getOrCreate(host.name(), "root-password", 30, SecretOwner.CUSTOMER);

    Map<String, ProcessGroup> groups = new HashMap<>();
    Map<String, Replica> replicas = new HashMap<>();
    try (StateDatabase db = StateDatabase.open(location)) {
      for (String id : List.of("v1", "v2")) {
        groups.put(id, ProcessGroup.create("replica-" + id));
        replicas.put(id, Replica.start(id, config, repo, host, env, dir, groups.get(id)));
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> owners(db, replicas.keySet()).containsKey(host.name()));
      String owner = owners(db, replicas.keySet()).get(host.name());
      String other = owner.equals("v1") ? "v2" : "v1";
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .until(() -> db.repository().runs(host.name(), 50).stream().anyMatch(r -> r.result().equals("in_sync")));
      Instant cut = Instant.now();

      // the owner's route to the host is cut: it fails, the other still reaches the host — no incident
      groups.get(owner).cutAddress(host.address());
      Path ownerLog = dir.resolve("replica-" + owner + ".log");
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
          .until(() -> Files.readString(ownerLog).contains("failing from this replica only"));
      SecondLookStore.Looks looks = db.secondLooks().looks(host.name());
      assertThat(looks.request()).as("the owner asks while it fails").hasValueSatisfying(r ->
          assertThat(r.askedBy()).isEqualTo(owner));
      assertThat(looks.looks()).as("the other looked, and reached the host").anySatisfy(l -> {
        assertThat(l.replica()).isEqualTo(other);
        assertThat(l.failed()).isFalse();
      });
      // past the longest wait for a second look (10 s): still nothing opened
      Thread.sleep(12_000);
      assertThat(incidentsSince(db, host, cut)).as("one vantage point's trouble pages no one").isEmpty();

      // a real outage both see: sshd stops on the host — one incident, seen by both
      host.check("systemctl stop ssh.socket ssh.service 2>/dev/null || systemctl stop ssh.service");
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
          .until(() -> !incidentsSince(db, host, cut).isEmpty());
      assertThat(incidentsSince(db, host, cut)).singleElement()
          .satisfies(i -> assertThat(i.seenBy()).isEqualTo(owner + ", " + other));
      groups.get(owner).restore();
      host.check("systemctl start ssh.service");
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
          .until(() -> incidentsSince(db, host, cut).get(0).ended() != null);

      // the owner cut off from PostgreSQL stops acting; the other takes the host over
      groups.get(owner).cutPort(postgresPort);
      long start = System.nanoTime();
      await().atMost(TAKEOVER.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
          .until(() -> ownedPerStatus(replicas.get(owner)).isEmpty());
      Duration stopped = Duration.ofNanos(System.nanoTime() - start);
      await().atMost(TAKEOVER.plusSeconds(10)).pollInterval(Duration.ofMillis(200))
          .until(() -> other.equals(owners(db, replicas.keySet()).get(host.name())));
      Duration takenOver = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("ReplicasIT: " + owner + " cut off from PostgreSQL; it stopped acting after "
          + stopped.toMillis() + " ms, " + other + " took " + host.name() + " over after " + takenOver.toMillis()
          + " ms (lease " + LEASE.toMillis() + " ms)");
      assertThat(stopped).as("stops before its lease can be taken").isLessThan(LEASE);
      Instant takeover = Instant.now();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> db.repository().runs(host.name(), 5).stream().anyMatch(r -> r.started().isAfter(takeover)));
      List<RunRecord> runs = db.repository().runs(host.name(), 200);
      assertThat(runs.stream().filter(r -> r.result().equals("converged")).count())
          .as("converged once: " + runs.stream().map(RunRecord::result).toList()).isEqualTo(1);
    } finally {
      groups.values().forEach(ProcessGroup::restore);
      host.exec("systemctl start ssh.service");
      for (Replica r : replicas.values()) {
        r.process.destroyForcibly();
        r.process.waitFor(30, TimeUnit.SECONDS);
      }
      groups.values().forEach(ProcessGroup::close);
    }
  }

  private static List<IncidentRecord> incidentsSince(StateDatabase db, TestHost host, Instant since) {
    return db.monitorHistory().incidents(host.name(), since.minusSeconds(30)).stream()
        .filter(i -> i.started().isAfter(since.minusSeconds(30)) && i.alerted().isAfter(since)).toList();
  }

  /** The server of each live lease held by one of {@code replicas}. */
  private static Map<String, String> owners(StateDatabase db, Set<String> replicas) {
    Instant now = Instant.now();
    return db.leases().leases().stream().filter(l -> replicas.contains(l.owner()) && l.expires().isAfter(now))
        .filter(l -> !l.server().equals(com.conobium.gardien.reconciler.daemon.Membership.GIT))
        .collect(Collectors.toMap(Lease::server, Lease::owner));
  }

  /** How many times the replica checked {@code server}'s SSH port, from its /metrics; 0 when it does not answer. */
  private double checksOf(Replica r, String server) {
    try {
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port + "/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return metrics.lines().filter(l -> l.startsWith("gardien_monitor_response_time_seconds_count{")
              && l.contains("server=\"" + server + "\"") && l.contains("check=\"ssh\""))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (java.io.IOException | InterruptedException e) {
      return 0;
    }
  }

  /** The revision in force a replica reports on /healthz; empty when it does not answer. */
  private String revisionOf(Replica r) {
    try {
      JsonNode health = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port
          + "/healthz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
      return health.get("revision").asText();
    } catch (java.io.IOException | InterruptedException e) {
      return "";
    }
  }

  private Set<String> ownedPerStatus(Replica r) throws Exception {
    JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port
        + "/status")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(status.get("replica").asText()).isEqualTo(r.id);
    Set<String> owned = new TreeSet<>();
    status.get("servers").fields().forEachRemaining(e -> {
      if (e.getValue().get("owned").asBoolean()) {
        owned.add(e.getKey());
      }
    });
    return owned;
  }

  /** One replica: {@code gardien run --lease} from the built jar, its own process. */
  record Replica(String id, Process process, int port) {
    static Replica start(String id, BareConfigRepo config, TestRepo repo, TestHost host, Map<String, String> env,
        Path dir) throws Exception {
      return start(id, config, repo, host, env, dir, null);
    }

    /** With {@code group}: started in that control group, whose network the test can cut. */
    static Replica start(String id, BareConfigRepo config, TestRepo repo, TestHost host, Map<String, String> env,
        Path dir, ProcessGroup group) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path jar = Path.of("target/gardien.jar");
      assertThat(jar).as("the jar, built by package before the integration tests").exists();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", jar.toString(), "run", config.runOptions(host.rootKey(), dir).repo, "--lease", LEASE.toSeconds() + "s",
          "--replica-id", id, "--listen", "127.0.0.1:" + port, "--poll", "1s", "--drift-interval", "3s",
          "--retry-interval", "2s", "--identity", host.rootKey().toString(), "--state-dir",
          dir.resolve("state-" + id).toString(), "--shutdown-grace", "20s"));
      ProcessBuilder pb = new ProcessBuilder(group == null ? command : group.wrap(command)).redirectErrorStream(true)
          .redirectOutput(dir.resolve("replica-" + id + ".log").toFile());
      pb.environment().put("GARDIEN_HOME", repo.home.toString());
      pb.environment().putAll(env);
      return new Replica(id, pb.start(), port);
    }
  }
}
