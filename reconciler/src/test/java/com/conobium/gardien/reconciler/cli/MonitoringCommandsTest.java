package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gardien incidents} and {@code gardien uptime} on a home whose state database the monitoring filled. */
class MonitoringCommandsTest {
  static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path home;

  @BeforeEach
  void fill() {
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(home)))) {
      MonitorHistory history = db.monitorHistory();
      List<CheckHour> hours = new ArrayList<>();
      // web1: every hour of November watched, 60 rounds an hour; 30 rounds failed on 10 Nov (its site)
      for (Instant h = NOV; h.isBefore(DEC); h = h.plusSeconds(3600)) {
        boolean bad = h.equals(Instant.parse("2026-11-10T08:00:00Z"));
        hours.add(new CheckHour("web1", h, CheckHour.ROUND, 60, bad ? 30 : 0, 60 * 40, 90));
        hours.add(new CheckHour("web1", h, "ssh", 60, 0, 60 * 5, 9));
        hours.add(new CheckHour("web1", h, "site shop", 60, bad ? 30 : 0, 60 * 40, 90));
      }
      // web2: only the first 10 days watched, all passed
      for (Instant h = NOV; h.isBefore(NOV.plusSeconds(10 * 86400)); h = h.plusSeconds(3600)) {
        hours.add(new CheckHour("web2", h, CheckHour.ROUND, 60, 0, 60 * 3, 5));
      }
      history.addHours(hours);
      long id = history.openIncident(new IncidentRecord(0, "web1", Instant.parse("2026-11-10T08:20:00Z"),
          Instant.parse("2026-11-10T08:24:00Z"), null, "site shop", "site shop: shop.example: HTTP 502",
          "the server answers (SSH) but a service fails: site shop; failed units: nginx.service", ""));
      history.closeIncident(id, Instant.parse("2026-11-10T08:50:00Z"));
      // one that began in October and ended on 1 November at 01:00
      long early = history.openIncident(new IncidentRecord(0, "web2", Instant.parse("2026-10-31T23:00:00Z"),
          Instant.parse("2026-10-31T23:04:00Z"), null, "ssh", "ssh: refused", "unreachable: no answer at any level", ""));
      history.closeIncident(early, Instant.parse("2026-11-01T01:00:00Z"));
    }
  }

  @Test
  void incidentsListsEachWithItsDurationDiagnosisAndErrors() {
    CliRun run = CliRun.inHome(home, "incidents", "--since", "2026-10-01");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("#2  web2").contains("2026-10-31T23:00:00Z -> 2026-11-01T01:00:00Z", "2 h 00 min",
        "failed: ssh");
    assertThat(lines).contains("    diagnosis: unreachable: no answer at any level", "    ssh: refused");
    assertThat(run.stdout()).contains("#1  web1").contains("30 min  failed: site shop")
        .contains("failed units: nginx.service").contains("    site shop: shop.example: HTTP 502");
    assertThat(CliRun.inHome(home, "incidents", "web1", "--since", "2026-10-01").stdout()).doesNotContain("web2");
    assertThat(CliRun.inHome(home, "incidents", "--since", "2026-11-05").stdout()).doesNotContain("web2");
  }

  @Test
  void incidentsAsJson() {
    JsonNode doc = CliRun.inHome(home, "incidents", "web1", "--since", "2026-11-01", "-o", "json").json();

    assertThat(doc.get("incidents")).hasSize(1);
    JsonNode i = doc.get("incidents").get(0);
    assertThat(i.get("durationSeconds").asLong()).isEqualTo(1800);
    assertThat(i.get("open").asBoolean()).isFalse();
    assertThat(i.get("diagnosis").asText()).contains("nginx.service");
  }

  @Test
  void aSinceThatIsNoDateIsAUsageError() {
    CliRun run = CliRun.inHome(home, "incidents", "--since", "last week");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("--since: 'last week' is neither a day");
  }

  @Test
  void uptimeCountsFailedRoundsOverRoundsRunAndTheIncidentsWithinTheMonth() {
    CliRun run = CliRun.inHome(home, "uptime", "--month", "2026-11");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("2026-11 (UTC)");
    // 720 hours x 60 rounds = 43,200 rounds, 30 failed: 99.931 %
    assertThat(lines.get(1)).startsWith("web1").contains("99.931 %", "30 of 43200 rounds failed",
        "720 of 720 hours watched", "1 incident(s) for 30 min");
    assertThat(lines).contains("    site shop                99.931 %  (30 of 43200 failed)",
        "    ssh                      100.000 %  (0 of 43200 failed)");
    assertThat(run.stdout()).contains("web2").contains("100.000 %  0 of 14400 rounds failed, 240 of 720 hours watched,"
        + " 1 incident(s) for 60 min");
  }

  @Test
  void uptimeAsJsonAndInAnotherZone() {
    JsonNode doc = CliRun.inHome(home, "uptime", "web1", "--month", "2026-11", "--zone", "Europe/Paris", "-o", "json")
        .json();

    assertThat(doc.get("from").asText()).isEqualTo("2026-10-31T23:00:00Z");
    JsonNode web1 = doc.get("servers").get(0);
    assertThat(web1.get("rounds").asLong()).as("Paris' November: one hour of October in (none stored), the last of"
        + " November out").isEqualTo(719 * 60);
    assertThat(web1.get("hours").asLong()).isEqualTo(720);
    assertThat(web1.get("observedHours").asLong()).isEqualTo(719);
    assertThat(web1.get("checks").get("site shop").get("failures").asLong()).isEqualTo(30);
  }

  @Test
  void aMonthWithoutHistorySaysSo() {
    CliRun run = CliRun.inHome(home, "uptime", "--month", "2025-01");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).startsWith("no monitoring history in 2025-01 (UTC)");
  }
}
