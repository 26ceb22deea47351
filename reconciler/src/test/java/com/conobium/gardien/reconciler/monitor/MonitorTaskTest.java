package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.ConnectionSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.MonitoringSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SshSpec;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import com.conobium.gardien.reconciler.state.SecondLookStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring task against an SSH port on loopback and a real (embedded) state database: what a
 * daemon after a restart does with the incident the one before left open, and what it stores.
 */
class MonitorTaskTest {
  static final FleetSpec FLEET = new FleetSpec(List.of("ops@example.net"), null, null, null, null, null, null);

  @TempDir Path dir;
  StateDatabase db;
  MonitorHistory history;
  final List<Notification> mails = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    history = db.monitorHistory();
  }

  @AfterEach
  void close() {
    db.close();
  }

  MonitorTask task() {
    return new MonitorTask(new PrometheusRegistry(), history, fleet -> Optional.of(mails::add),
        (server, fleet) -> {
          throw new IllegalStateException("not read here");
        }, Clock.systemUTC());
  }

  static Server server(int sshPort) {
    return new Server("web1", Map.of(), ServerSpec.builder()
        .connection(new ConnectionSpec("127.0.0.1", null, null, null, null))
        .ssh(new SshSpec(sshPort, null, null, null))
        .monitoring(new MonitoringSpec("1m", 3, null)).build(), Path.of("servers/web1.yaml"));
  }

  /** One round of {@code task} against a port that answers with an SSH banner once. */
  static void oneRoundAnsweredBySsh(MonitorTask task) throws Exception {
    try (ServerSocket sshd = new ServerSocket(0)) {
      Thread banner = new Thread(() -> {
        try (Socket s = sshd.accept()) {
          s.getOutputStream().write("SSH-2.0-OpenSSH_10.0\r\n".getBytes(StandardCharsets.US_ASCII));
          s.getInputStream().read();
        } catch (Exception ignored) {
          // closed by the check
        }
      });
      banner.start();
      task.run(server(sshd.getLocalPort()), FLEET);
      banner.join(5000);
    }
  }

  /**
   * A round still waiting on a silent server when the task closes (the daemon stops without waiting
   * for it) is dropped when its checks end: with one failure enough for an incident, none opens and
   * no mail goes.
   */
  @Test
  void aRoundWhoseChecksEndAfterTheTaskClosedIsDropped() throws Exception {
    MonitorTask task = task();
    try (ServerSocket silent = new ServerSocket(0)) { // connections complete in its backlog, no banner ever comes
      Server server = new Server("web1", Map.of(), ServerSpec.builder()
          .connection(new ConnectionSpec("127.0.0.1", null, null, null, null))
          .ssh(new SshSpec(silent.getLocalPort(), null, null, null))
          .monitoring(new MonitoringSpec("2s", 1, null)).build(), Path.of("servers/web1.yaml"));
      Thread round = new Thread(() -> task.run(server, FLEET));
      round.start();
      Thread.sleep(300); // the SSH check waits for the banner (1 s, half the interval)
      task.close();
      round.join(10_000);
      assertThat(round.isAlive()).isFalse();
    }

    assertThat(mails).isEmpty();
    assertThat(history.incidents("web1", Instant.EPOCH)).isEmpty();
    assertThat(history.hours("web1", Instant.EPOCH, Instant.now().plusSeconds(3600))).isEmpty();
  }

  long leftOpen() {
    return history.openIncident(new IncidentRecord(0, "web1", Instant.parse("2026-12-06T08:00:00Z"),
        Instant.parse("2026-12-06T08:03:00Z"), null, "ssh", "ssh: port 22: connection refused", "unreachable", ""));
  }

  @Test
  void anIncidentLeftOpenIsClosedByTheFirstPassingRoundWithOneRecoveryAndNoAlert() throws Exception {
    long id = leftOpen();
    MonitorTask task = task();
    oneRoundAnsweredBySsh(task);
    task.close();

    assertThat(mails).singleElement().satisfies(m -> assertThat(m.subject()).startsWith("[gardien] web1 recovered after"));
    IncidentRecord closed = history.incidents("web1", Instant.EPOCH).get(0);
    assertThat(closed.id()).isEqualTo(id);
    assertThat(closed.ended()).isNotNull();
    assertThat(history.hours("web1", Instant.EPOCH, Instant.now().plusSeconds(3600)))
        .filteredOn(h -> h.check().equals(CheckHour.ROUND)).singleElement()
        .satisfies(h -> assertThat(h.failures()).isZero());
  }

  @Test
  void anIncidentLeftOpenContinuesThroughFailingRoundsWithoutASecondAlert() throws Exception {
    leftOpen();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    MonitorTask task = task();
    for (int i = 0; i < 4; i++) {
      task.run(server(closedPort), FLEET);
    }
    task.close();

    assertThat(mails).as("no alert: the incident was alerted before the restart").isEmpty();
    assertThat(history.incidents("web1", Instant.EPOCH)).singleElement()
        .satisfies(i -> assertThat(i.ended()).isNull());
    assertThat(history.failures("web1", Instant.EPOCH, Instant.now().plusSeconds(1)))
        .filteredOn(f -> f.check().equals("ssh")).hasSize(4)
        .allSatisfy(f -> assertThat(f.error()).isEqualTo("port " + closedPort + ": connection refused"));
  }

  @Test
  void anIncidentOpenedByOneReplicaIsContinuedAndClosedByTheNextWithOneAlertAndOneRecovery() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    MonitorTask first = task();
    for (int i = 0; i < 3; i++) {
      first.run(server(closedPort), FLEET);
    }
    assertThat(mails).singleElement().satisfies(m -> assertThat(m.subject()).startsWith("[gardien] web1 down"));
    first.release("web1"); // another replica owns web1 from here
    first.run(server(closedPort), FLEET);
    assertThat(mails).as("released: forgotten, a new count starts below the threshold").hasSize(1);

    MonitorTask next = task();
    next.run(server(closedPort), FLEET);
    next.run(server(closedPort), FLEET);
    assertThat(mails).as("continued, not alerted twice").hasSize(1);
    oneRoundAnsweredBySsh(next);
    next.close();
    first.close();
    assertThat(mails).hasSize(2);
    assertThat(mails.get(1).subject()).startsWith("[gardien] web1 recovered after");
    assertThat(history.incidents("web1", Instant.EPOCH)).singleElement()
        .satisfies(i -> assertThat(i.ended()).as("closed by the next replica").isNotNull());
    assertThat(history.hours("web1", Instant.EPOCH, Instant.now().plusSeconds(3600)))
        .filteredOn(h -> h.check().equals(CheckHour.ROUND)).singleElement()
        .satisfies(h -> assertThat(h.rounds()).as("both replicas' rounds add up").isEqualTo(7));
  }

  @Test
  void roundsThatFailWhileTheMaintenanceRunsArePlannedAndOpenNoIncident() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    java.util.concurrent.atomic.AtomicBoolean maintaining = new java.util.concurrent.atomic.AtomicBoolean(true);
    MonitorTask task = new MonitorTask(new PrometheusRegistry(), history, fleet -> Optional.of(mails::add),
        (server, fleet) -> {
          throw new IllegalStateException("not read here");
        }, (server, at) -> maintaining.get(), Clock.systemUTC());
    for (int i = 0; i < 4; i++) {
      task.run(server(closedPort), FLEET);
    }
    assertThat(history.incidents("web1", Instant.EPOCH)).as("three rounds are enough, but planned").isEmpty();
    maintaining.set(false);
    for (int i = 0; i < 3; i++) {
      task.run(server(closedPort), FLEET);
    }
    task.close();

    assertThat(history.incidents("web1", Instant.EPOCH)).as("unplanned: the three after it count").hasSize(1);
    List<CheckHour> hours = history.hours("web1", Instant.EPOCH, Instant.now().plusSeconds(3600));
    assertThat(hours).filteredOn(h -> h.check().equals(CheckHour.PLANNED))
        .extracting(CheckHour::rounds).containsExactly(4);
    assertThat(hours).filteredOn(h -> h.check().equals(CheckHour.ROUND))
        .extracting(CheckHour::failures).containsExactly(3);
  }

  /** A port that answers every connection with an SSH banner, until closed. */
  static final class Banner implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0);
    final Thread thread = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          s.getOutputStream().write("SSH-2.0-OpenSSH_10.0\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (Exception ignored) {
          // closed
        }
      }
    });

    Banner() throws java.io.IOException {
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5000);
    }
  }

  @Test
  void aFailureAnotherReplicaDoesNotSeeOpensNoIncidentAndOneItConfirmsOpensOneSeenByBoth() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    SecondLookStore looks = db.secondLooks();
    MonitorTask r1 = new MonitorTask(new PrometheusRegistry(), history, fleet -> Optional.of(mails::add),
        (server, fleet) -> {
          throw new IllegalStateException("not read here");
        }, MonitorTask.PlannedWork.NONE, new SharedSecondOpinion(looks, "r1", () -> List.of("r1", "r2")),
        Clock.systemUTC());
    try (Banner reachable = new Banner()) {
      // r2 stands elsewhere: from where it stands, web1's SSH port answers
      SecondLooker r2 = new SecondLooker(looks, "r2", name -> false, name -> Optional.of(server(reachable.port())));
      for (int i = 0; i < 5; i++) {
        r1.run(server(closedPort), FLEET);
        r2.look(server(reachable.port()));
      }
      assertThat(mails).as("refuted by r2: nobody paged").isEmpty();
      assertThat(history.incidents("web1", Instant.EPOCH)).isEmpty();
      assertThat(looks.requests().requests()).as("r1 keeps asking while it fails").singleElement()
          .satisfies(r -> assertThat(r.askedBy()).isEqualTo("r1"));

      // now r2 fails to reach it too
      r2.look(server(closedPort));
      r1.run(server(closedPort), FLEET);
    }
    r1.close();

    assertThat(mails).singleElement().satisfies(m -> {
      assertThat(m.subject()).startsWith("[gardien] web1 down");
      assertThat(m.body()).contains("Seen failing from replicas r1, r2");
    });
    assertThat(history.incidents("web1", Instant.EPOCH)).singleElement()
        .satisfies(i -> assertThat(i.seenBy()).isEqualTo("r1, r2"));
    assertThat(looks.requests().requests()).as("withdrawn once the incident opened").isEmpty();
  }

  @Test
  void aReplicaLooksOnlyAtServersOthersAskAboutAndNotAtItsOwn() throws Exception {
    SecondLookStore looks = db.secondLooks();
    try (Banner reachable = new Banner()) {
      Server web1 = server(reachable.port());
      looks.ask("web1", "r1");
      looks.ask("web2", "r2");
      java.util.Set<String> owned = java.util.Set.of("web3");
      looks.ask("web3", "r1");
      SecondLooker r2 = new SecondLooker(looks, "r2", owned::contains, name -> Optional.of(web1));
      r2.round();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> !looks.looks("web1").looks().isEmpty());
      r2.round(); // within the interval: not looked at again
      r2.close();
    }

    assertThat(looks.looks("web1").looks()).singleElement().satisfies(l -> {
      assertThat(l.replica()).isEqualTo("r2");
      assertThat(l.failed()).isFalse();
    });
    assertThat(looks.looks("web2").looks()).as("its own request").isEmpty();
    assertThat(looks.looks("web3").looks()).as("its own server").isEmpty();
  }
}
