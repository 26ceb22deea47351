package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HistoryRetentionTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @TempDir Path dir;
  StateDatabase db;
  StateRepository repo;

  final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    repo = db.repository();
    logged.start();
    logger().addAppender(logged);
  }

  @AfterEach
  void close() {
    logger().detachAppender(logged);
    db.close();
  }

  static Logger logger() {
    return (Logger) LoggerFactory.getLogger(HistoryRetention.class);
  }

  Map<String, String> keyValues(ILoggingEvent event) {
    return event.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
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
    assertThat(logged.list).hasSize(2);
    assertThat(logged.list.get(0).getMessage()).isEqualTo("run history pruned");
    assertThat(keyValues(logged.list.get(0))).containsEntry("deleted_runs", "2")
        .containsEntry("before", "2026-11-04T12:00:00Z").containsEntry("keep_history", "PT720H");
  }

  @Test
  void aFailingDatabaseIsLoggedNotThrown() {
    HistoryRetention retention = new HistoryRetention(repo, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    db.close();

    assertThat(retention.prune()).isEqualTo(-1);
    assertThat(keyValues(logged.list.get(0))).containsEntry("result", "prune_failed");
  }

  @Test
  void aRetentionOfNothingIsRefused() {
    assertThatThrownBy(() -> new HistoryRetention(repo, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
