package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.GoodRevision;
import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import com.conobium.gardien.reconciler.git.PgpTestKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gardien run --trusted-keys} put together as the command line does ({@link DaemonStarter},
 * {@link CliWiring}): a signed revision of a repository with no servers comes into force, an unsigned
 * one is counted on {@code /metrics} and leaves it in force.
 */
class RunSignedCommitsTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;
  UpstreamRepo upstream;
  CommandLineDaemon daemon;
  DaemonStarter.Running running;

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void onlyASignedRevisionComesIntoForce() throws Exception {
    PgpTestKey ops = new PgpTestKey("Ops <ops@example.com>");
    Path keys = Files.createDirectories(tmp.resolve("trusted-keys"));
    Files.writeString(keys.resolve("ops.asc"), ops.armoredPublicKey());
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    String signed = upstream.fleet().commitSigned("signed", ops);
    daemon = new CommandLineDaemon(tmp);

    RunOptions options = CommandLineDaemon.options(upstream.dir.toString());
    options.trustedKeys = List.of(keys);
    running = daemon.start(options, Duration.ofMillis(300));

    await().atMost(WAIT).until(() -> inForce().equals(signed));
    String unsigned = upstream.write("notes.txt", "not signed\n").commit("unsigned");
    await().atMost(WAIT).until(() -> metrics().contains("gardien_untrusted_revisions_total 1.0"));

    assertThat(inForce()).isEqualTo(signed);
    assertThat(metrics()).contains("gardien_git_revision_info{revision=\"" + signed + "\"} 1")
        .doesNotContain(unsigned);
  }

  private String inForce() {
    return running.daemon().inForce().map(GoodRevision::revision).map(r -> r.id()).orElse("");
  }

  private String metrics() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + running.httpAddress().getPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
