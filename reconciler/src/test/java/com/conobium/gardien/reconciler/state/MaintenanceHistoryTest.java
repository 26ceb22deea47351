package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The maintenance runs in the (embedded) state database: begun, finished, listed, and what counts as planned. */
class MaintenanceHistoryTest {
  static final Instant START = Instant.parse("2026-12-06T03:00:00Z");
  static final Duration SETTLE = Duration.ofMinutes(5);

  @TempDir Path dir;
  StateDatabase db;
  MaintenanceHistory history;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    history = db.maintenanceHistory();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRunIsPlannedTimeFromItsStartUntilItSettledAndListedOnceFinished() {
    long id = history.begin("web1", START, false, true);
    assertThat(history.underMaintenance("web1", START.minusSeconds(1), SETTLE)).isFalse();
    assertThat(history.underMaintenance("web1", START.plusSeconds(600), SETTLE)).as("still running").isTrue();
    assertThat(history.underMaintenance("web2", START.plusSeconds(600), SETTLE)).isFalse();
    assertThat(history.runs("web1", START, START.plusSeconds(3600))).as("not finished: not listed").isEmpty();
    assertThat(history.last("web1")).isEmpty();

    Instant end = START.plusSeconds(900);
    history.finish(id, end, List.of(new MaintenanceRecord.Result("upgrades", "ok", "3 package(s) upgraded",
        "{\"packages\":[]}"), new MaintenanceRecord.Result("raid", "not applicable", "a container", "{}")));
    assertThat(history.underMaintenance("web1", end.plus(SETTLE).minusSeconds(1), SETTLE)).isTrue();
    assertThat(history.underMaintenance("web1", end.plus(SETTLE).plusSeconds(1), SETTLE)).isFalse();
    MaintenanceRecord run = history.last("web1").orElseThrow();
    assertThat(run.finished()).isEqualTo(end);
    assertThat(run.results()).extracting(MaintenanceRecord.Result::operation).containsExactlyInAnyOrder("upgrades", "raid");
    assertThat(history.runs(null, START, START.plusSeconds(3600))).hasSize(1);
  }

  @Test
  void aDryRunIsNeitherPlannedTimeNorTheLastRun() {
    long id = history.begin("web1", START, true, true);
    history.finish(id, START.plusSeconds(60), List.of());
    assertThat(history.underMaintenance("web1", START.plusSeconds(30), SETTLE)).isFalse();
    assertThat(history.last("web1")).isEmpty();
    assertThat(history.runs("web1", START, START.plusSeconds(3600))).singleElement()
        .satisfies(r -> assertThat(r.dryRun()).isTrue());
  }

  @Test
  void aRunThatOnlyReadsTheServerIsNotPlannedTime() {
    long id = history.begin("web1", START, false, false);
    assertThat(history.underMaintenance("web1", START.plusSeconds(30), SETTLE)).isFalse();
    history.finish(id, START.plusSeconds(60), List.of(new MaintenanceRecord.Result("diskSpace", "ok", "", "{}")));
    assertThat(history.underMaintenance("web1", START.plusSeconds(90), SETTLE)).isFalse();
    assertThat(history.last("web1")).as("still the last run").isPresent();
  }

  @Test
  void aPruneDeletesTheOldRunsAndTheirResults() {
    history.save(new MaintenanceRecord(0, "web1", START.minus(Duration.ofDays(800)), START.minus(Duration.ofDays(800)),
        false, List.of(new MaintenanceRecord.Result("purge", "ok", "nothing to purge", "{}"))));
    history.save(new MaintenanceRecord(0, "web1", START, START.plusSeconds(60), false, List.of()));
    assertThat(history.prune(START.minus(Duration.ofDays(400)))).isEqualTo(1);
    assertThat(history.runs("web1", Instant.EPOCH, START.plusSeconds(3600))).hasSize(1);
  }

  @Test
  void theLastRunOfEachServerIsTheLastOfEachOneAtATime() {
    finished("web1", START, false, "upgrades", "ok");
    finished("web1", START.plusSeconds(86_400), false, "upgrades", "warning", "smart", "failed");
    finished("web1", START.plusSeconds(2 * 86_400), true, "upgrades", "ok"); // a dry run: not the last
    history.begin("web1", START.plusSeconds(3 * 86_400), false, true); // still running: not the last
    finished("web2", START, false, "raid", "not applicable");
    finished("web3", START, true, "raid", "ok"); // only a dry run: none
    finished("web4", START, false); // a run with no result recorded

    var last = history.lastOfEach();

    assertThat(last.keySet()).containsExactlyInAnyOrder("web1", "web2", "web4");
    assertThat(last.get("web4").results()).isEmpty();
    for (String server : List.of("web1", "web2", "web4")) {
      assertThat(last.get(server)).usingRecursiveComparison().ignoringCollectionOrder()
          .isEqualTo(history.last(server).orElseThrow());
    }
    assertThat(last.get("web1").results()).extracting(MaintenanceRecord.Result::verdict)
        .containsExactlyInAnyOrder("warning", "failed");
  }

  private void finished(String server, Instant started, boolean dryRun, String... operationsAndVerdicts) {
    long id = history.begin(server, started, dryRun, true);
    List<MaintenanceRecord.Result> results = new java.util.ArrayList<>();
    for (int i = 0; i < operationsAndVerdicts.length; i += 2) {
      results.add(new MaintenanceRecord.Result(operationsAndVerdicts[i], operationsAndVerdicts[i + 1], "why", "{}"));
    }
    history.finish(id, started.plusSeconds(600), results);
  }
}
