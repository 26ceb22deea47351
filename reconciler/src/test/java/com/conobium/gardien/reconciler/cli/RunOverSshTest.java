package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.GoodRevision;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import com.conobium.gardien.reconciler.git.GitSshServer;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gardien run ssh://…} put together as the command line does: with no --git-identity nor
 * --git-known-hosts, the daemon logs in with Gardien's own {@code $GARDIEN_HOME/id_ed25519} and
 * trusts only {@code $GARDIEN_HOME/git_known_hosts}. A wrong pinned key fails each fetch with the
 * reason (healthz's lastFetchError, {@code gardien_git_fetch_failures_total}); once the right key is
 * pinned, the next poll fetches.
 */
class RunOverSshTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path tmp;
  UpstreamRepo upstream;
  GitSshServer server;
  DaemonStarter.Running running;

  @AfterEach
  void tearDown() throws Exception {
    if (running != null) {
      running.close();
    }
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void fetchesOverSshWithGardiensOwnKeyOnceTheHostKeyIsPinned() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
        home.resolve("id_ed25519").toString()).start();
    assertThat(keygen.waitFor()).isZero();
    server = new GitSshServer(home.resolve("id_ed25519.pub"));
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    String head = upstream.fleet().commit("over ssh");
    String wrong = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
    Files.writeString(home.resolve("git_known_hosts"), "[127.0.0.1]:" + server.port() + " " + wrong + "\n");

    RunOptions options = new RunOptions();
    options.repo = server.url(upstream.dir);
    options.branch = "main";
    options.listen = "127.0.0.1:0";
    options.rollbackAfterSeconds = 90;
    DaemonSettings settings = new DaemonSettings(Duration.ofMillis(300), Duration.ofMinutes(5), Duration.ofMinutes(1),
        1, Mode.DETECT, Duration.ofMinutes(5), 3, Duration.ofSeconds(5));
    running = Guice.createInjector(new CliWiring(home)).getInstance(DaemonStarter.class)
        .start(options, settings, Duration.ofMillis(100));

    await().atMost(WAIT).until(() -> running.daemon().lastFetchError() != null);
    assertThat(running.daemon().lastFetchError()).contains("HOST KEY MISMATCH for Git server [127.0.0.1]:"
        + server.port() + ": " + home.resolve("git_known_hosts") + " pins");
    assertThat(running.daemon().inForce()).isEmpty();
    assertThat(server.execs()).isZero();

    Files.writeString(home.resolve("git_known_hosts"), server.knownHostsLine());

    await().atMost(WAIT).until(() -> running.daemon().inForce().map(GoodRevision::revision)
        .map(r -> r.id()).orElse("").equals(head));
    assertThat(running.daemon().lastFetchError()).isNull();
  }
}
