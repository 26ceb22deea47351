package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.UpstreamRepo;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
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
  CommandLineDaemon daemon;

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
  void theDaemonPrunesOldRunsAtStart() throws Exception {
    daemon = new CommandLineDaemon(tmp);
    Path home = daemon.home;
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

    RunOptions options = CommandLineDaemon.options(upstream.dir.toString());
    options.keepHistory = Duration.ofDays(7);
    daemon.start(options, Duration.ofMinutes(5));

    await().atMost(Duration.ofSeconds(30))
        .until(() -> CliRun.inHome(home, "history", "-o", "json").json().get("runs").size() == 1);
    CliRun left = CliRun.inHome(home, "history", "gone", "-o", "json");
    assertThat(left.json().get("runs").get(0).get("started").asText())
        .startsWith(now.minus(Duration.ofDays(1)).toString().substring(0, 16));
  }
}
