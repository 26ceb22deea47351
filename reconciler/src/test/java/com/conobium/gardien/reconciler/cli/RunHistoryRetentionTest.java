package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.google.inject.Guice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gardien run --keep-history} put together as the command line does: at start the daemon
 * deletes the stored runs older than the retention and keeps the others ({@code gardien history} shows it).
 */
class RunHistoryRetentionTest {
  @TempDir Path tmp;
  UpstreamRepo upstream;
  DaemonStarter.Running running;

  @AfterEach
  void tearDown() {
    if (running != null) {
      running.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void theDaemonPrunesOldRunsAtStart() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", home.resolve("id_ed25519").toString())
        .start().waitFor();
    Instant now = Instant.now();
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(home)))) {
      for (Instant started : List.of(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)))) {
        db.repository().saveRun(new ServerRecord("gone", "h", "detect", "drift", false, started, started, 0, null),
            new RunRecord(0, "gone", null, started, Duration.ofSeconds(1), "drift_check", "detect", "drift", 1, 1, 0,
                0, null), List.of());
      }
    }
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    upstream.fleet().commit("no servers");

    RunOptions options = new RunOptions();
    options.repo = upstream.dir.toString();
    options.branch = "main";
    options.listen = "127.0.0.1:0";
    options.rollbackAfterSeconds = 90;
    options.keepHistory = Duration.ofDays(7);
    DaemonSettings settings = new DaemonSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(1),
        1, Mode.DETECT, Duration.ofMinutes(5), 3, Duration.ofSeconds(5));
    running = Guice.createInjector(new CliWiring(home)).getInstance(DaemonStarter.class)
        .start(options, settings, Duration.ofMillis(100));

    await().atMost(Duration.ofSeconds(30))
        .until(() -> CliRun.inHome(home, "history", "-o", "json").json().get("runs").size() == 1);
    CliRun left = CliRun.inHome(home, "history", "gone", "-o", "json");
    assertThat(left.json().get("runs").get(0).get("started").asText())
        .startsWith(now.minus(Duration.ofDays(1)).toString().substring(0, 16));
  }
}
