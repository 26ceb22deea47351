package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The modules' readings in the daemon's scrape: one gauge per reading name, series kept up to date. */
class DaemonMetricsTest {
  static final String EXPIRY = "certificate_expiry_timestamp_seconds";
  static final String BACKUP = "backup_last_success_timestamp_seconds";
  final DaemonMetrics metrics = new DaemonMetrics();

  @Test
  void readingsAreGaugesLabelledWithTheServerAndTheirOwnLabels() throws Exception {
    metrics.outcome(run("web1", tls(expiry("shop", 1_798_761_600), expiry("blog", 1_790_000_000)),
        backup(Reading.of(BACKUP, "When the last backup succeeded", 1_764_000_000))), Duration.ofSeconds(1), Instant.now());

    String scrape = scrape();
    assertThat(scrape).contains("# HELP gardien_certificate_expiry_timestamp_seconds When the certificate")
        .contains("# TYPE gardien_certificate_expiry_timestamp_seconds gauge")
        .contains("# TYPE gardien_backup_last_success_timestamp_seconds gauge");
    assertThat(value(scrape, "gardien_certificate_expiry_timestamp_seconds{server=\"web1\",site=\"shop\"}"))
        .isEqualTo(1_798_761_600d);
    assertThat(value(scrape, "gardien_certificate_expiry_timestamp_seconds{server=\"web1\",site=\"blog\"}"))
        .isEqualTo(1_790_000_000d);
    assertThat(value(scrape, "gardien_backup_last_success_timestamp_seconds{server=\"web1\"}")).isEqualTo(1_764_000_000d);
  }

  @Test
  void aReadingTheModuleNoLongerGivesGoesWhileOtherServersKeepTheirs() throws Exception {
    metrics.outcome(run("web1", tls(expiry("shop", 100), expiry("blog", 200))), Duration.ZERO, Instant.now());
    metrics.outcome(run("web2", tls(expiry("shop", 300))), Duration.ZERO, Instant.now());

    metrics.outcome(run("web1", tls(expiry("shop", 150))), Duration.ZERO, Instant.now());

    String scrape = scrape();
    assertThat(scrape).doesNotContain("site=\"blog\"");
    assertThat(value(scrape, "gardien_certificate_expiry_timestamp_seconds{server=\"web1\",site=\"shop\"}")).isEqualTo(150d);
    assertThat(value(scrape, "gardien_certificate_expiry_timestamp_seconds{server=\"web2\",site=\"shop\"}")).isEqualTo(300d);
  }

  @Test
  void unreadableFactsAndAnUnreachableServerKeepTheLastReading() throws Exception {
    metrics.outcome(run("web1", tls(expiry("shop", 100))), Duration.ZERO, Instant.now());

    metrics.outcome(run("web1", new ModuleOutcome("tls", List.of(), List.of(), ModuleOutcome.Status.FAILED,
        "its probe printed invalid JSON", 0)), Duration.ZERO, Instant.now());
    metrics.outcome(new ServerOutcome("web1", List.of(), "connection refused", 0, Duration.ZERO), Duration.ZERO,
        Instant.now());

    assertThat(value(scrape(), "gardien_certificate_expiry_timestamp_seconds{server=\"web1\",site=\"shop\"}")).isEqualTo(100d);
  }

  @Test
  void aServerThatLeavesTheRepositoryLosesItsReadings() throws Exception {
    metrics.outcome(run("web1", tls(expiry("shop", 100)), backup(Reading.of(BACKUP, "b", 5))), Duration.ZERO, Instant.now());
    metrics.outcome(run("web2", tls(expiry("shop", 300))), Duration.ZERO, Instant.now());

    metrics.forget("web1");

    assertThat(scrape()).doesNotContain("server=\"web1\"")
        .contains("gardien_certificate_expiry_timestamp_seconds{server=\"web2\",site=\"shop\"}");
  }

  @Test
  void aReadingThatCannotBeExportedIsLeftOutAndTheOthersStay() throws Exception {
    metrics.outcome(run("web1", tls(expiry("shop", 100)),
        new ModuleOutcome("odd", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0, List.of(
            Reading.of("drift", "clashes with gardien_drift", 7),
            new Reading(EXPIRY, "other labels", Map.of("domain", "shop.example"), 9)))),
        Duration.ZERO, Instant.now());

    String scrape = scrape();
    assertThat(scrape).doesNotContain("domain=").doesNotContainPattern("} 7\\.0$|} 7\\.0\\n")
        .contains("gardien_drift{module=\"odd\",server=\"web1\"} 0.0");
    assertThat(value(scrape, "gardien_certificate_expiry_timestamp_seconds{server=\"web1\",site=\"shop\"}")).isEqualTo(100d);
  }

  @Test
  void aServerThatNeverSucceededCountsFromWhenTheDaemonBeganToManageIt() throws Exception {
    metrics.managing("web1", "standard-web", "apply", Instant.ofEpochSecond(1_000));
    metrics.managing("web2", "standard-web", "apply", Instant.ofEpochSecond(500)); // its success remembered
    metrics.outcome(new ServerOutcome("web1", List.of(), "HOST KEY CHANGED", 1, Duration.ZERO), Duration.ZERO,
        Instant.ofEpochSecond(1_100));
    metrics.managing("web1", "standard-web", "apply", Instant.ofEpochSecond(2_000)); // a later revision

    String scrape = scrape();
    assertThat(value(scrape, "gardien_last_success_timestamp_seconds{server=\"web1\"}")).as("not reset by a failure "
        + "nor by the next revision").isEqualTo(1_000d);
    assertThat(value(scrape, "gardien_last_success_timestamp_seconds{server=\"web2\"}")).isEqualTo(500d);

    metrics.outcome(run("web1", tls()), Duration.ZERO, Instant.ofEpochSecond(3_000));
    assertThat(value(scrape(), "gardien_last_success_timestamp_seconds{server=\"web1\"}")).isEqualTo(3_000d);
  }

  @Test
  void buildInfoAndOneInfoSeriesPerServerThatFollowsItsProfileAndMode() throws Exception {
    DaemonMetrics versioned = new DaemonMetrics("1.2.3");
    versioned.managing("web1", "standard-web", "apply", Instant.EPOCH);
    versioned.managing("web2", null, "detect", Instant.EPOCH);
    versioned.managing("web1", "shop-only", "detect", Instant.EPOCH);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    versioned.write(out);
    String scrape = out.toString(StandardCharsets.UTF_8);
    assertThat(value(scrape, "gardien_build_info{java_version=\"" + System.getProperty("java.version")
        + "\",version=\"1.2.3\"}")).isEqualTo(1d);
    assertThat(scrape.lines().filter(l -> l.startsWith("gardien_server_info{"))).containsExactlyInAnyOrder(
        "gardien_server_info{mode=\"detect\",profile=\"shop-only\",server=\"web1\"} 1",
        "gardien_server_info{mode=\"detect\",profile=\"\",server=\"web2\"} 1");

    versioned.forget("web1");
    out.reset();
    versioned.write(out);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("server=\"web1\"");
  }

  static Reading expiry(String site, long at) {
    return new Reading(EXPIRY, "When the certificate deployed for a site expires (Unix time)", Map.of("site", site), at);
  }

  static ModuleOutcome tls(Reading... readings) {
    return new ModuleOutcome("tls", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0, List.of(readings));
  }

  static ModuleOutcome backup(Reading... readings) {
    return new ModuleOutcome("backup", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0, List.of(readings));
  }

  static ServerOutcome run(String server, ModuleOutcome... modules) {
    return new ServerOutcome(server, List.of(modules), null, 1, Duration.ofMillis(5));
  }

  String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of one series in the scrape. */
  static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
    assertThat(m.find()).as(series + " in\n" + scrape).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
