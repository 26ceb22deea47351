package com.conobium.gardien.reconciler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the report's backup line comes from when no daemon read the backups: a server maintained
 * by {@code gardien maintain} alone has its last success from the maintenance's backups operation.
 */
class ReportCollectorTest {
  @TempDir Path dir;
  StateDatabase db;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir.resolve("state")));
  }

  @AfterEach
  void close() {
    db.close();
  }

  Optional<Instant> lastBackup() {
    return new ReportCollector(db.repository(), db.monitorHistory(), db.maintenanceHistory())
        .collect(MonthOfHistory.server(), MonthOfHistory.FLEET, MonthOfHistory.MONTH,
            Instant.parse("2026-12-01T01:00:00Z"))
        .lastBackup();
  }

  void maintained(Instant at, String lastSuccess) {
    db.maintenanceHistory().save(new MaintenanceRecord(0, "web1", at, at.plusSeconds(60), false, List.of(
        MonthOfHistory.result("backups", "ok", "1 night(s) backed up", "{\"lastSuccess\":\"" + lastSuccess + "\"}"))));
  }

  @Test
  void withoutDaemonReadingsTheMonthsMaintenanceSaysWhenTheLastBackupSucceeded() {
    assertThat(lastBackup()).as("nothing read at all").isEmpty();
    maintained(Instant.parse("2026-11-20T09:00:00Z"), "2026-11-20T02:05:00Z");
    assertThat(lastBackup()).contains(Instant.parse("2026-11-20T02:05:00Z"));
  }

  @Test
  void aSuccessOutsideTheMonthIsNotThisMonthsBackup() {
    maintained(Instant.parse("2026-11-02T09:00:00Z"), "2026-10-25T02:05:00Z");
    assertThat(lastBackup()).isEmpty();
  }
}
