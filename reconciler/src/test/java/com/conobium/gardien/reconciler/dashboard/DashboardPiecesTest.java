package com.conobium.gardien.reconciler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.reconciler.state.CheckHour;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
}
