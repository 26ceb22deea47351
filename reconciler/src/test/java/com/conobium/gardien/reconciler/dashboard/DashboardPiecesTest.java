package com.conobium.gardien.reconciler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dashboard's small pure parts: redirects, sync words, the manifest's masking, the availability chart. */
class DashboardPiecesTest {
  @Test
  void afterSignInOnlyAPathOfThisDashboardIsFollowed() {
    assertThat(Dashboard.safeNext("/servers/web1?x=1")).isEqualTo("/servers/web1?x=1");
    assertThat(Dashboard.safeNext("//evil.example/")).isEqualTo("/");
    assertThat(Dashboard.safeNext("/\\evil.example")).isEqualTo("/");
    assertThat(Dashboard.safeNext("https://evil.example/")).isEqualTo("/");
    assertThat(Dashboard.safeNext(null)).isEqualTo("/");
  }

  @Test
  void runResultsReadAsSyncWords() {
    assertThat(FleetReader.sync("in_sync")).isEqualTo("in sync");
    assertThat(FleetReader.sync("converged")).isEqualTo("in sync");
    assertThat(FleetReader.sync("drift")).isEqualTo("drift");
    assertThat(FleetReader.sync("unreachable")).isEqualTo("failed");
    assertThat(FleetReader.sync("circuit_open")).isEqualTo("failed");
    assertThat(FleetReader.sync(null)).isEqualTo("not run yet");
  }

  @Test
  void theManifestIsShownAsYamlWithAnythingSecretLookingMasked() {
    ServerSpec spec = ServerSpec.builder().build();
    String yaml = new ManifestText().of(spec);
    assertThat(yaml).contains("timezone: Etc/UTC").doesNotContain("null");

    com.fasterxml.jackson.databind.node.ObjectNode tree = new com.fasterxml.jackson.databind.ObjectMapper()
        .createObjectNode();
    tree.putObject("smtp").put("password", "hunter2hunter2").put("host", "mail.example");
    tree.putArray("users").addObject().put("apiToken", "t0k3n").put("enabled", true).put("passwordLength", 30);
    String masked = new ManifestText().of(tree);
    assertThat(masked).doesNotContain("hunter2").doesNotContain("t0k3n").contains("password: " + ManifestText.MASK)
        .contains("host: mail.example").contains("enabled: true").contains("passwordLength: 30");
  }

  @Test
  void availabilityIsCountedPerDayFromTheRoundsAndDrawnAsThirtyBars() {
    LocalDate today = LocalDate.parse("2026-12-06");
    List<CheckHour> hours = List.of(
        new CheckHour("web1", Instant.parse("2026-12-06T10:00:00Z"), CheckHour.ROUND, 60, 3, 0, 0),
        new CheckHour("web1", Instant.parse("2026-12-06T11:00:00Z"), CheckHour.ROUND, 60, 0, 0, 0),
        new CheckHour("web1", Instant.parse("2026-12-06T11:00:00Z"), "ssh", 60, 60, 0, 0),
        new CheckHour("web1", Instant.parse("2026-12-05T11:00:00Z"), CheckHour.PLANNED, 5, 5, 0, 0),
        new CheckHour("web1", Instant.parse("2026-12-04T11:00:00Z"), CheckHour.ROUND, 10, 0, 0, 0));
    List<AvailabilityChart.Day> days = AvailabilityChart.days(hours, today, 30);
    assertThat(days).hasSize(30);
    assertThat(days.get(29).date()).isEqualTo(today);
    assertThat(days.get(29).availability()).isEqualTo(117 / 120.0);
    assertThat(days.get(29).percent()).isEqualTo("97.50 %");
    assertThat(days.get(28).availability()).as("planned rounds only: no check counted").isNull();
    assertThat(days.get(27).percent()).isEqualTo("100.00 %");
    String svg = AvailabilityChart.svg(days);
    assertThat(svg.split("<rect", -1)).hasSize(31);
    assertThat(svg).contains("<title>2026-12-06: 97.50 %</title>").contains("fill=\"#c62828\"")
        .contains("fill=\"#2e7d32\"").doesNotContain("style=");
  }

  @Test
  void aRowSumsUpTheLastMaintenanceAndTheSoonestCertificate() {
    Instant started = Instant.parse("2026-12-06T03:00:00Z");
    MaintenanceRecord.Result ok = new MaintenanceRecord.Result("upgrades", "ok", "", "{}");
    MaintenanceRecord.Result warning = new MaintenanceRecord.Result("smart", "warning", "", "{}");
    MaintenanceRecord.Result failed = new MaintenanceRecord.Result("raid", "failed", "", "{}");
    assertThat(FleetReader.maintenance(Optional.empty())).isEmpty();
    assertThat(FleetReader.maintenance(Optional.of(new MaintenanceRecord(1, "web1", started, started.plusSeconds(60),
        false, List.of(ok))))).isEqualTo("2026-12-06 ok");
    assertThat(FleetReader.maintenance(Optional.of(new MaintenanceRecord(1, "web1", started, started.plusSeconds(60),
        false, List.of(ok, warning, failed))))).isEqualTo("2026-12-06 1 failed 1 warning(s)");

    Instant now = Instant.parse("2026-12-07T00:00:00Z");
    String expiry = FleetReader.CERTIFICATE_EXPIRY;
    List<ReadingRecord> readings = List.of(
        new ReadingRecord("web1", expiry, Map.of("site", "shop"), now.minusSeconds(7200), now.plus(Duration.ofDays(10)).getEpochSecond()),
        new ReadingRecord("web1", expiry, Map.of("site", "shop"), now.minusSeconds(60), now.plus(Duration.ofDays(80)).getEpochSecond()),
        new ReadingRecord("web1", expiry, Map.of("site", "blog"), now.minusSeconds(60), now.plus(Duration.ofDays(41)).getEpochSecond()));
    assertThat(FleetReader.latestPerSite(readings)).extracting(r -> r.labels().get("site")).containsExactly("blog", "shop");
    assertThat(FleetReader.nearestCertificate(FleetReader.latestPerSite(readings), now)).isEqualTo("blog: 41 d");
    assertThat(FleetReader.nearestCertificate(List.of(), now)).isEmpty();
  }
}
