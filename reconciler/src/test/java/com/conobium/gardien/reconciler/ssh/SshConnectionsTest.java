package com.conobium.gardien.reconciler.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport against a real SSH server on loopback. */
class SshConnectionsTest {
  @TempDir Path dir;
  Path key;
  LocalSshServer server;
  SshConnections connections;

  @BeforeEach
  void start() throws Exception {
    key = LocalSshServer.writeClientKey(dir);
    PublicKey pub = HostKeys.parse(Files.readString(Path.of(key + ".pub")));
    server = new LocalSshServer(pub);
  }

  @AfterEach
  void stop() throws Exception {
    if (connections != null) {
      connections.close();
    }
    server.close();
  }

  private RemoteHost host(String pinned, boolean recordNew) {
    connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), recordNew),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
    return connections.host("t", new SshEndpoint("127.0.0.1", server.port(), "root", pinned == null ? java.util.List.of() : java.util.List.of(pinned)));
  }

  @Test
  void theKeyExchangeOpenSsh10PrefersIsOfferedFirstAndTheOthersKeepTheirOrder() {
    List<org.apache.sshd.common.kex.KeyExchangeFactory> defaults =
        org.apache.sshd.client.SshClient.setUpDefaultClient().getKeyExchangeFactories();
    List<String> ordered = SshConnections.mlkemFirst(defaults).stream().map(f -> f.getName()).toList();
    assertThat(ordered.get(0)).isEqualTo("mlkem768x25519-sha256");
    List<String> rest = new java.util.ArrayList<>(defaults.stream().map(f -> f.getName()).toList());
    rest.remove("mlkem768x25519-sha256");
    assertThat(ordered.subList(1, ordered.size())).isEqualTo(rest);
  }

  @Test
  void execSeparatesOutputStreamsAndExitStatusAndFeedsStandardInput() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    ExecResult r = h.exec("read x; echo \"out $x\"; echo 'it''s err' >&2; exit 3", "hello\n", Duration.ofSeconds(10));
    assertThat(r.exitStatus()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out hello\n");
    assertThat(r.stderr()).isEqualTo("its err\n");
  }

  @Test
  void scriptsWithQuotesDollarsAndNewlinesArriveIntact() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    String script = "a='single '\\'' quote'; b=\"double \\\" \\$HOME\"\nprintf '%s|%s\\n' \"$a\" \"$b\"";
    assertThat(h.exec(script).stdout()).isEqualTo("single ' quote|double \" $HOME\n");
  }

  @Test
  void largeOutputComesBackWhole() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    ExecResult r = h.exec("head -c 1048576 /dev/zero | tr '\\0' x", null, Duration.ofSeconds(30));
    assertThat(r.stdout()).hasSize(1_048_576).matches("x+");
  }

  @Test
  void oneSessionServesManyCommands() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    for (int i = 0; i < 20; i++) {
      assertThat(h.exec("echo " + i).stdout()).isEqualTo(i + "\n");
    }
    assertThat(server.sessions).hasValue(1);
  }

  @Test
  void aServerForgottenHasItsSessionClosedAndTheNextCommandOpensANewOne() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    h.exec("true");
    connections.forget("198.18.250.1"); // another server's: nothing closed

    assertThat(h.exec("echo kept").stdout()).isEqualTo("kept\n");
    assertThat(server.sessions).hasValue(1);

    connections.forget("127.0.0.1");

    assertThat(h.exec("echo again").stdout()).isEqualTo("again\n");
    assertThat(server.sessions).as("closed, so a second session was opened").hasValue(2);
  }

  @Test
  void confirmingANewSessionOpensASecondSessionBesideThePooledOneAndClosesIt() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    h.exec("true");
    SshEndpoint endpoint = new SshEndpoint("127.0.0.1", server.port(), "root", java.util.List.of(server.hostKeyLine()));

    connections.confirmNewSession(endpoint, Duration.ofSeconds(10));

    assertThat(server.sessions).as("the pooled session and the fresh one").hasValue(2);
    assertThat(h.exec("echo still").stdout()).as("the pooled session is untouched").isEqualTo("still\n");
    assertThat(server.sessions).hasValue(2);
  }

  @Test
  void confirmingANewSessionFailsWhenTheServerPresentsAnotherHostKey() throws Exception {
    host(server.hostKeyLine(), false).exec("true");
    String other = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(LocalSshServer.generate().getPublic());

    assertThatThrownBy(() -> connections.confirmNewSession(
            new SshEndpoint("127.0.0.1", server.port(), "root", java.util.List.of(other)), Duration.ofSeconds(10)))
        .isInstanceOf(SshException.HostKeyRejected.class);
  }

  @Test
  void aChangedHostKeyIsRefusedBeforeAnyCommandRunsWithBothFingerprints() throws Exception {
    String other = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(LocalSshServer.generate().getPublic());
    RemoteHost h = host(other, false);
    assertThatThrownBy(() -> h.exec("touch " + dir.resolve("ran")))
        .isInstanceOf(SshException.HostKeyRejected.class)
        .hasMessageContaining("HOST KEY CHANGED")
        .hasMessageContaining(KeyUtils.getFingerPrint(HostKeys.parse(other)))
        .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey.getPublic()))
        .satisfies(e -> assertThat(((SshException) e).isTransient()).isFalse());
    assertThat(server.commands).isEmpty();
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void anUnknownHostKeyIsRefusedUnlessRecordingWasAskedThenItIsPinned() throws Exception {
    assertThatThrownBy(() -> host(null, false).exec("true"))
        .isInstanceOf(SshException.HostKeyRejected.class)
        .hasMessageContaining("is not pinned")
        .hasMessageContaining("--accept-new-host-key");
    connections.close();
    assertThat(dir.resolve("known_hosts")).doesNotExist();

    assertThat(host(null, true).exec("echo first").stdout()).isEqualTo("first\n");
    connections.close();
    assertThat(Files.readString(dir.resolve("known_hosts")))
        .isEqualTo("[127.0.0.1]:" + server.port() + " " + server.hostKeyLine() + "\n");

    assertThat(host(null, false).exec("echo pinned").stdout()).isEqualTo("pinned\n");
  }

  @Test
  void aWrongClientKeyFailsAuthenticationPermanently() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    key = LocalSshServer.writeClientKey(other);
    RemoteHost h = host(server.hostKeyLine(), false);
    assertThatThrownBy(() -> h.exec("true"))
        .isInstanceOf(SshException.AuthenticationFailed.class)
        .satisfies(e -> assertThat(((SshException) e).isTransient()).isFalse());
    assertThat(server.commands).isEmpty();
  }

  @Test
  void aCommandRunningTooLongIsStopped() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    long start = System.nanoTime();
    assertThatThrownBy(() -> h.exec("sleep 30", null, Duration.ofMillis(500)))
        .isInstanceOf(SshException.CommandTimeout.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(h.exec("echo still usable").stdout()).isEqualTo("still usable\n");
  }

  @Test
  void aConnectionDroppedMidCommandIsReportedAndTheNextExecReconnects() throws Exception {
    RemoteHost h = host(server.hostKeyLine(), false);
    h.exec("true");
    CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> {
      try {
        return h.exec("sleep 20", null, Duration.ofSeconds(60));
      } catch (SshException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    Thread.sleep(500);
    server.dropSessions();

    assertThatThrownBy(running::join).hasCauseInstanceOf(SshException.ConnectionLost.class)
        .hasMessageContaining("dropped while a command was running");
    assertThat(h.exec("echo back").stdout()).isEqualTo("back\n");
    assertThat(server.sessions).hasValue(2);
  }

  @Test
  void aServerThatIsNotThereIsUnreachableAndTransient() throws Exception {
    int port = server.port();
    server.close();
    connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    RemoteHost h = connections.host("t", new SshEndpoint("127.0.0.1", port, "root", java.util.List.of(server.hostKeyLine())));
    assertThatThrownBy(() -> h.exec("true"))
        .isInstanceOf(SshException.Unreachable.class)
        .satisfies(e -> assertThat(((SshException) e).isTransient()).isTrue());
  }

  /** A stock Debian server's keys: MINA's client alone prefers ECDSA, OpenSSH's server has both. */
  private LocalSshServer stockServer(boolean announceKeys) throws Exception {
    server.close();
    PublicKey client = HostKeys.parse(Files.readString(Path.of(key + ".pub")));
    server = new LocalSshServer(client, List.of(LocalSshServer.generate(), LocalSshServer.generateEcdsa()), announceKeys);
    return server;
  }

  @Test
  void theServerPresentsThePinnedKeyTypeEvenWhenAnotherWouldBeNegotiatedByDefault() throws Exception {
    LocalSshServer stock = stockServer(false);
    String ed25519 = LocalSshServer.line(stock.hostKeys.get(0));

    assertThat(host(ed25519, false).exec("echo in").stdout()).isEqualTo("in\n");
    connections.close();
    String ecdsa = LocalSshServer.line(stock.hostKeys.get(1));
    assertThat(host(ecdsa, false).exec("echo in").stdout()).as("pinned ECDSA").isEqualTo("in\n");
  }

  @Test
  void anyOfTheServersPinnedKeysIsAcceptedAndAKeyOfAnotherServerIsNot() throws Exception {
    LocalSshServer stock = stockServer(false);
    Files.writeString(dir.resolve("known_hosts"), stock.hostKeys.stream()
        .map(k -> "[127.0.0.1]:" + stock.port() + " " + LocalSshServer.line(k) + "\n")
        .collect(java.util.stream.Collectors.joining()));
    assertThat(host(null, false).exec("echo in").stdout()).isEqualTo("in\n");
    connections.close();

    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + stock.port() + " "
        + LocalSshServer.line(LocalSshServer.generateEcdsa()) + "\n");
    assertThatThrownBy(() -> host(null, false).exec("touch " + dir.resolve("ran")))
        .isInstanceOf(SshException.HostKeyRejected.class)
        .hasMessageContaining("HOST KEY CHANGED")
        .hasMessageContaining(dir.resolve("known_hosts").toString())
        .hasMessageNotContaining("was reinstalled");
    assertThat(dir.resolve("ran")).doesNotExist();
  }

  @Test
  void onFirstContactEveryKeyTheServerAnnouncesIsRecorded() throws Exception {
    LocalSshServer stock = stockServer(true);

    assertThat(host(null, true).exec("echo first").stdout()).isEqualTo("first\n");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(Files.readAllLines(dir.resolve("known_hosts"))).containsExactlyInAnyOrder(
            "[127.0.0.1]:" + stock.port() + " " + LocalSshServer.line(stock.hostKeys.get(0)),
            "[127.0.0.1]:" + stock.port() + " " + LocalSshServer.line(stock.hostKeys.get(1))));
    connections.close();

    assertThat(host(null, true).exec("echo again").stdout()).isEqualTo("again\n");
    connections.close();
    assertThat(Files.readAllLines(dir.resolve("known_hosts"))).as("nothing recorded twice").hasSize(2);
  }

  @Test
  void keysAnnouncedByAServerWhoseKeysArePinnedAreNotRecorded() throws Exception {
    LocalSshServer stock = stockServer(true);
    String ed25519 = LocalSshServer.line(stock.hostKeys.get(0));
    assertThat(host(ed25519, true).exec("echo in").stdout()).isEqualTo("in\n");
    Thread.sleep(300);
    assertThat(dir.resolve("known_hosts")).doesNotExist();
  }

  @Test
  void aKeyAnnouncedOverAVerifiedSessionIsTrustedForTheRestOfTheProcessOnly() throws Exception {
    LocalSshServer stock = stockServer(true);
    String ecdsa = LocalSshServer.line(stock.hostKeys.get(1));
    // the same server once sshd offers its Ed25519 key only (as Gardien's sshd configuration does)
    try (LocalSshServer moved = new LocalSshServer(HostKeys.parse(Files.readString(Path.of(key + ".pub"))),
        List.of(stock.hostKeys.get(0)), false)) {
      connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
          Duration.ofSeconds(5), Duration.ofSeconds(5));
      assertThat(connections.host("t", new SshEndpoint("127.0.0.1", stock.port(), "root", List.of(ecdsa)))
          .exec("echo in").stdout()).isEqualTo("in\n");
      SshEndpoint movedEndpoint = new SshEndpoint("127.0.0.1", moved.port(), "root", List.of(ecdsa));
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          connections.confirmNewSession(movedEndpoint, Duration.ofSeconds(5)));
      connections.close();

      connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
          Duration.ofSeconds(5), Duration.ofSeconds(5));
      assertThatThrownBy(() -> connections.confirmNewSession(movedEndpoint, Duration.ofSeconds(5)))
          .isInstanceOf(SshException.HostKeyRejected.class)
          .hasMessageContaining("ssh-keyscan -t ed25519,ecdsa,rsa")
          .hasMessageContaining("connection.hostKey");
      assertThat(dir.resolve("known_hosts")).as("a manifest's pins are not written anywhere").doesNotExist();
    }
  }

  /** A TCP peer that accepts and then says nothing, as a server that stopped answering does. */
  private static java.net.ServerSocket silentServer(List<java.net.Socket> held) throws Exception {
    java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread accept = new Thread(() -> {
      try {
        while (true) {
          held.add(silent.accept());
        }
      } catch (java.io.IOException e) {
        // closed
      }
    });
    accept.setDaemon(true);
    accept.start();
    return silent;
  }

  @Test
  void aServerThatAnswersNothingIsUnreachableAfterOneWaitAndSaysItTimedOut() throws Exception {
    List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (java.net.ServerSocket silent = silentServer(held)) {
      connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
          Duration.ofSeconds(1), Duration.ofSeconds(1));
      RemoteHost h = connections.host("t", new SshEndpoint("127.0.0.1", silent.getLocalPort(), "root", List.of(server.hostKeyLine())));
      long start = System.nanoTime();

      assertThatThrownBy(() -> h.exec("true"))
          .isInstanceOf(SshException.Unreachable.class)
          .satisfies(e -> assertThat(((SshException) e).timedOut()).isTrue())
          .satisfies(e -> assertThat(((SshException) e).isTransient()).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aRefusedConnectionDidNotTimeOut() throws Exception {
    int port = server.port();
    server.close();
    connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    RemoteHost h = connections.host("t", new SshEndpoint("127.0.0.1", port, "root", List.of(server.hostKeyLine())));
    assertThatThrownBy(() -> h.exec("true"))
        .isInstanceOf(SshException.Unreachable.class)
        .satisfies(e -> assertThat(((SshException) e).timedOut()).isFalse());
  }

  @Test
  void waitingForASilentServerEndsAtOnceWhenTheThreadIsInterrupted() throws Exception {
    List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (java.net.ServerSocket silent = silentServer(held)) {
      connections = new SshConnections(key, new HostKeys(dir.resolve("known_hosts"), false),
          Duration.ofSeconds(30), Duration.ofSeconds(30));
      RemoteHost h = connections.host("t", new SshEndpoint("127.0.0.1", silent.getLocalPort(), "root", List.of(server.hostKeyLine())));
      CompletableFuture<Throwable> failed = new CompletableFuture<>();
      Thread worker = new Thread(() -> {
        try {
          h.exec("true");
          failed.complete(null);
        } catch (Throwable e) {
          failed.complete(e);
        }
      });
      worker.start();
      Thread.sleep(500);
      long start = System.nanoTime();
      worker.interrupt();

      Throwable e = failed.get(5, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(e).isInstanceOf(SshException.Interrupted.class);
      assertThat(((SshException) e).isTransient()).as("nothing to retry while stopping").isFalse();
    }
  }

  @Test
  void refusalsNameWhereTheOperatorPinsKeysNotTheFileGardienReads() throws Exception {
    String whereToPin = "known_hosts at the root of the config repository ssh://git.example/fleet.git (commit the change)";
    connections = new SshConnections(key, new HostKeys(dir.resolve("checkout/known_hosts"), false, whereToPin),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
    RemoteHost unknown = connections.host("t", new SshEndpoint("127.0.0.1", server.port(), "root", List.of()));
    assertThatThrownBy(() -> unknown.exec("true")).isInstanceOf(SshException.HostKeyRejected.class)
        .hasMessageContaining(whereToPin).hasMessageNotContaining("checkout");

    Files.createDirectories(dir.resolve("checkout"));
    Files.writeString(dir.resolve("checkout/known_hosts"), "[127.0.0.1]:" + server.port() + " "
        + LocalSshServer.line(LocalSshServer.generate()) + "\n");
    RemoteHost changed = connections.host("t", new SshEndpoint("127.0.0.1", server.port(), "root", List.of()));
    assertThatThrownBy(() -> changed.exec("true")).isInstanceOf(SshException.HostKeyRejected.class)
        .hasMessageContaining("HOST KEY CHANGED").hasMessageContaining(whereToPin);
  }
}
