package com.conobium.gardien.reconciler.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void theFirstSundayOfEachMonthAtThreeInTheServersZone() {
    MaintenanceWindow w = MaintenanceWindow.parse("first Sunday 03:00", PARIS);
    // 2026-12-06 is the first Sunday of December; Paris is UTC+1 in winter
    assertThat(w.in(YearMonth.of(2026, 12))).isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
    // 2026-11-01 is a Sunday itself
    assertThat(w.in(YearMonth.of(2026, 11))).isEqualTo(Instant.parse("2026-11-01T02:00:00Z"));
    // summer time: UTC+2
    assertThat(w.in(YearMonth.of(2026, 7))).isEqualTo(Instant.parse("2026-07-05T01:00:00Z"));
  }

  @Test
  void nextIsStrictlyAfterAndPreviousAtOrBefore() {
    MaintenanceWindow w = MaintenanceWindow.parse("first Sunday 03:00", PARIS);
    Instant december = Instant.parse("2026-12-06T02:00:00Z");
    assertThat(w.next(december.minusSeconds(1))).isEqualTo(december);
    assertThat(w.next(december)).isEqualTo(Instant.parse("2027-01-03T02:00:00Z"));
    assertThat(w.previous(december)).isEqualTo(december);
    assertThat(w.previous(december.minusSeconds(1))).isEqualTo(Instant.parse("2026-11-01T02:00:00Z"));
  }

  @Test
  void theLastFridayAndTheFourthMonday() {
    assertThat(MaintenanceWindow.parse("last Friday 22:30", ZoneId.of("Etc/UTC")).in(YearMonth.of(2026, 10)))
        .isEqualTo(Instant.parse("2026-10-30T22:30:00Z"));
    assertThat(MaintenanceWindow.parse("fourth Monday 00:00", ZoneId.of("Etc/UTC")).in(YearMonth.of(2026, 2)))
        .isEqualTo(Instant.parse("2026-02-23T00:00:00Z"));
  }

  @Test
  void aTimeInTheSpringGapMovesForward() {
    // 2026-03-29 is the last Sunday of March: Paris skips from 02:00 to 03:00
    assertThat(MaintenanceWindow.parse("last Sunday 02:30", PARIS).in(YearMonth.of(2026, 3)))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> MaintenanceWindow.parse("fifth Sunday 03:00", PARIS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
