package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded state database of one Gardien home, used by a running daemon (its own process,
 * the built jar) and by commands of the operator at the same time, then one after the other: H2's
 * AUTO_SERVER lets the second process in through the first, and nothing one writes is lost to the
 * other.
 */
class SharedEmbeddedStateIT {
  @TempDir Path work;

  @Test
  void aCommandAndARunningDaemonShareTheHomesDatabaseAtOnceAndInTurn() throws Exception {
    Path home = Files.createDirectories(work.resolve("home"));
    assertThat(new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
        home.resolve("id_ed25519").toString()).start().waitFor()).isZero();
    try (UpstreamRepo upstream = new UpstreamRepo(work.resolve("upstream"))) {
      upstream.write("fleet.yaml", """
          apiVersion: gardien.conobium.com/v1
          kind: Fleet
          metadata: {name: test}
          spec: {}
          """).commit("an empty fleet");
      Path pem = Files.writeString(work.resolve("note.pem"), "-----BEGIN NOTE-----\n");

      Process daemon = startDaemon(home, upstream.dir);
      try {
        // at once: the daemon holds the database; the command gets in through it
        CliRun put = CliRun.inHome(home, "secrets", "put", "web1", "tls/shop/chain", "--file", pem.toString());
        assertThat(put.exitCode()).as(put.toString()).isZero();
        assertThat(CliRun.inHome(home, "secrets", "list", "web1").stdout()).contains("tls/shop/chain");
        CliRun history = CliRun.inHome(home, "history");
        assertThat(history.exitCode()).as(history.toString()).isZero();
      } finally {
        stop(daemon);
      }
      // in turn: the command alone opens the file, and finds what it wrote through the daemon
      assertThat(CliRun.inHome(home, "secrets", "list", "web1").stdout()).contains("tls/shop/chain");
      CliRun put = CliRun.inHome(home, "secrets", "put", "web1", "tls/shop/key", "--file", pem.toString());
      assertThat(put.exitCode()).as(put.toString()).isZero();

      Process again = startDaemon(home, upstream.dir);
      try {
        assertThat(CliRun.inHome(home, "secrets", "list", "web1").stdout())
            .contains("tls/shop/chain").contains("tls/shop/key");
      } finally {
        stop(again);
      }
    }
  }

  /** {@code gardien run} from the built jar, its own process; returns once /healthz answers 200. */
  private Process startDaemon(Path home, Path repo) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path jar = Path.of("target/gardien.jar");
    assertThat(jar).as("the jar, built by package before the integration tests").exists();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "run", repo.toUri().toString(), "--listen", "127.0.0.1:" + port, "--poll", "1s")
        .redirectErrorStream(true).redirectOutput(work.resolve("daemon-" + port + ".log").toFile());
    pb.environment().put("GARDIEN_HOME", home.toString());
    pb.environment().remove("GARDIEN_STATE_URL");
    Process p = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      assertThat(p.isAlive()).as(Files.readString(work.resolve("daemon-" + port + ".log"))).isTrue();
      assertThat(System.nanoTime()).as("the daemon never became healthy").isLessThan(deadline);
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
  }

  /** SIGTERM by PID, as an operator's service manager does; the daemon exits 0. */
  private static void stop(Process daemon) throws InterruptedException {
    daemon.destroy();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).as("exit status after SIGTERM").isZero();
  }
}
