package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryRetentionTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @TempDir Path dir;
  StateDatabase db;
  StateRepository repo;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    repo = db.repository();
  }

  @AfterEach
  void close() {
    db.close();
  }

  RunRecord save(String server, Instant started) {
    return repo.saveRun(new ServerRecord(server, "h", "apply", "drift", false, started, started, 0, null),
        new RunRecord(0, server, null, started, Duration.ofSeconds(1), "drift_check", "detect", "drift", 1, 1, 0, 0,
            null),
        List.of(new ChangeRecord("time", "~ timezone: Etc/UTC -> Europe/Paris", ChangeRecord.Status.DRIFT, null)));
  }

  @Test
  void runsOlderThanTheRetentionGoWithTheirChangesAndRecentOnesStay() {
    RunRecord old = save("web1", NOW.minus(Duration.ofDays(31)));
    RunRecord oldOther = save("web2", NOW.minus(Duration.ofDays(30)).minusMillis(1));
    RunRecord recent = save("web1", NOW.minus(Duration.ofDays(29)));
    RunRecord justInside = save("web2", NOW.minus(Duration.ofDays(30)));
    HistoryRetention retention = new HistoryRetention(repo, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(retention.prune()).isEqualTo(2);

    assertThat(repo.runs(10)).containsExactly(recent, justInside);
    assertThat(repo.changes(old.id())).isEmpty();
    assertThat(repo.changes(oldOther.id())).isEmpty();
    assertThat(repo.changes(recent.id())).hasSize(1);
    assertThat(repo.servers()).containsOnlyKeys("web1", "web2");
    assertThat(retention.prune()).isZero();
  }

  @Test
  void aFailingDatabaseIsLoggedNotThrown() {
    HistoryRetention retention = new HistoryRetention(repo, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    db.close();

    assertThat(retention.prune()).isEqualTo(-1);
  }

  @Test
  void aRetentionOfNothingIsRefused() {
    assertThatThrownBy(() -> new HistoryRetention(repo, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
