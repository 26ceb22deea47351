package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  static IncidentRecord incident(String start, String end) {
    return new IncidentRecord(1, "web1", Instant.parse(start), Instant.parse(start), end == null ? null
        : Instant.parse(end), "ssh", "ssh: refused", "unreachable", "");
  }

  @Test
  void aRoundFailsWhenAnyCheckFailedAndEachCheckHasItsOwnFigure() {
    Availability a = Availability.of("web1", FROM, TO, List.of(
        new CheckHour("web1", FROM, CheckHour.ROUND, 60, 6, 0, 0),
        new CheckHour("web1", FROM, "ssh", 60, 0, 0, 0),
        new CheckHour("web1", FROM, "site shop", 60, 6, 0, 0),
        new CheckHour("web1", FROM.plusSeconds(3600), CheckHour.ROUND, 60, 0, 0, 0)), List.of(), TO);

    assertThat(a.percent()).contains(100.0 * 114 / 120);
    assertThat(a.checks().get("site shop").percent()).contains(90.0);
    assertThat(a.checks().get("ssh").percent()).contains(100.0);
    assertThat(a.checks()).doesNotContainKey(CheckHour.ROUND);
    assertThat(a.observedHours()).isEqualTo(2);
    assertThat(a.hours()).isEqualTo(720);
  }

  @Test
  void incidentsCountOnlyTheirTimeWithinThePeriodAndAnOpenOneLastsUntilNow() {
    Instant now = Instant.parse("2026-11-30T23:00:00Z");
    Availability a = Availability.of("web1", FROM, TO, List.of(), List.of(
        incident("2026-10-31T23:00:00Z", "2026-11-01T00:30:00Z"),
        incident("2026-11-10T10:00:00Z", "2026-11-10T10:10:00Z"),
        incident("2026-11-30T22:00:00Z", null)), now);

    assertThat(a.incidents()).isEqualTo(3);
    assertThat(a.downtime()).isEqualTo(Duration.ofMinutes(30 + 10 + 60));
    assertThat(a.percent()).as("no round ran").isEmpty();
  }

  @Test
  void roundsThatFailedDuringTheMaintenanceAreLeftOutAndCountedApart() {
    Availability a = Availability.of("web1", FROM, TO, List.of(
        new CheckHour("web1", FROM, CheckHour.ROUND, 55, 1, 0, 0),
        new CheckHour("web1", FROM, CheckHour.PLANNED, 5, 5, 0, 0),
        new CheckHour("web1", FROM, "ssh", 55, 1, 0, 0)), List.of(), TO);

    assertThat(a.percent()).contains(100.0 * 54 / 55);
    assertThat(a.plannedRounds()).isEqualTo(5);
    assertThat(a.checks()).containsOnlyKeys("ssh");
    assertThat(a.observedHours()).isEqualTo(1);
  }
}
