package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.state.CheckFailure;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
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

class MonitorRetentionTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  @TempDir Path dir;
  StateDatabase db;
  MonitorHistory history;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    history = db.monitorHistory();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void roundsGoAfterTheirRetentionAndHoursAndIncidentsAfterTheirs() {
    Instant beyondBoth = NOW.minus(Duration.ofDays(1200));
    Instant betweenThem = NOW.minus(Duration.ofDays(500));
    Instant recent = NOW.minus(Duration.ofDays(10));
    for (Instant at : List.of(beyondBoth, betweenThem, recent)) {
      history.addFailures(List.of(new CheckFailure("web1", at, "ssh", 3, "refused")));
      history.addHours(List.of(new CheckHour("web1", at, CheckHour.ROUND, 60, 1, 120, 3)));
      long id = history.openIncident(new IncidentRecord(0, "web1", at, at.plusSeconds(300), null, "ssh", "refused",
          "unreachable", ""));
      history.closeIncident(id, at.plusSeconds(900));
    }
    MonitorRetention retention = new MonitorRetention(history, Duration.ofDays(400), Duration.ofDays(1100),
        Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(retention.prune()).contains(new MonitorHistory.Pruned(2, 1, 1));

    Instant all = NOW.minus(Duration.ofDays(2000));
    assertThat(history.failures("web1", all, NOW)).extracting(CheckFailure::at).containsExactly(recent);
    assertThat(history.hours("web1", all, NOW)).extracting(CheckHour::hour).containsExactly(betweenThem, recent);
    assertThat(history.incidents("web1", all)).extracting(IncidentRecord::started).containsExactly(betweenThem, recent);
    assertThat(retention.prune()).contains(new MonitorHistory.Pruned(0, 0, 0));
  }

  @Test
  void aFailingDatabaseIsLoggedNotThrown() {
    MonitorRetention retention = new MonitorRetention(history, Duration.ofDays(1), Duration.ofDays(1),
        Clock.fixed(NOW, ZoneOffset.UTC));
    db.close();

    assertThat(retention.prune()).isEmpty();
  }

  @Test
  void hoursKeptShorterThanRoundsAreRefused() {
    assertThatThrownBy(() -> new MonitorRetention(history, Duration.ofDays(400), Duration.ofDays(30),
        Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least as long");
  }
}
