package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.GoodRevision;
import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import com.conobium.gardien.reconciler.git.GitSshServer;
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
  CommandLineDaemon daemon;
  DaemonStarter.Running running;

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.close();
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
    daemon = new CommandLineDaemon(tmp);
    Path home = daemon.home;
    server = new GitSshServer(home.resolve("id_ed25519.pub"));
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    String head = upstream.fleet().commit("over ssh");
    String wrong = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
    Files.writeString(home.resolve("git_known_hosts"), "[127.0.0.1]:" + server.port() + " " + wrong + "\n");

    running = daemon.start(CommandLineDaemon.options(server.url(upstream.dir)), Duration.ofMillis(300));

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
