package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.report.MonthOfHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gardien report} on a home whose state database holds a month of history and a config
 * repository that names the server: one PDF per server, in the language asked, with the
 * operator's own template from the repository's {@code reports/} when there is one.
 */
class ReportCommandTest {
  @TempDir Path home;
  @TempDir Path repo;
  @TempDir Path out;

  @BeforeEach
  void fill() throws Exception {
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(home)))) {
      MonthOfHistory.write(db);
    }
    Files.createDirectories(repo.resolve("servers"));
    Files.writeString(repo.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: test}
        spec:
          notifications: [ops@hebergeur.example]
        """);
    Files.writeString(repo.resolve("profile.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: web}
        spec:
          time: {timezone: Europe/Paris}
        """);
    Files.writeString(repo.resolve("servers/web1.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata:
          name: web1
          labels: {customer: Boulangerie Lefèvre}
        spec:
          profile: web
          connection: {address: 198.18.7.2}
        """);
  }

  @Test
  void writesOnePdfPerServerForTheMonth() throws Exception {
    CliRun run = CliRun.inHome(home, "report", "web1", "-r", repo.toString(), "--month", "2026-11", "--out",
        out.toString(), "--lang", "en", "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = run.json().get("reports").get(0);
    Path pdf = out.resolve("web1-2026-11.pdf");
    assertThat(report.get("file").asText()).isEqualTo(pdf.toString());
    assertThat(report.get("incidents").asInt()).isEqualTo(1);
    assertThat(report.get("availabilityPercent").asDouble()).isBetween(99.9, 99.95);
    String text = text(pdf);
    assertThat(text).contains("Monthly report", "Boulangerie Lefèvre", "November 2026", "99.9 %", "every minute");
  }

  @Test
  void theOperatorsTemplateFromTheRepositoryReplacesGardiensOwn() throws Exception {
    String template;
    try (InputStream in = getClass().getResourceAsStream("/com/conobium/gardien/reconciler/report/report.mustache")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.createDirectories(repo.resolve("reports"));
    Files.writeString(repo.resolve("reports/report.mustache"),
        template.replace("<h1>{{t.title}}</h1>", "<h1>{{t.title}}</h1><p>Hébergement Exemple — 01 23 45 67 89</p>"));
    CliRun run = CliRun.inHome(home, "report", "web1", "-r", repo.toString(), "--month", "2026-11", "--out",
        out.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).isEqualTo("web1: " + out.resolve("web1-2026-11.pdf") + "\n");
    assertThat(text(out.resolve("web1-2026-11.pdf"))).contains("Rapport mensuel", "Hébergement Exemple — 01 23 45 67 89");
  }

  @Test
  void reportsListsTheStoredReportsAndWritesOne() throws Exception {
    long id;
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(home)))) {
      id = db.reports().save("web1", "2026-11", "fr", java.time.Instant.parse("2026-12-01T05:00:00Z"),
          "%PDF-1.7 sample".getBytes(StandardCharsets.US_ASCII));
      db.reports().delivery(id, java.time.Instant.parse("2026-12-01T05:00:03Z"), null);
      long failed = db.reports().save("web2", "2026-11", "en", java.time.Instant.parse("2026-12-01T05:00:00Z"),
          "%PDF-1.7 other".getBytes(StandardCharsets.US_ASCII));
      db.reports().delivery(failed, java.time.Instant.parse("2026-12-01T05:00:04Z"), "connection refused");
    }
    CliRun list = CliRun.inHome(home, "reports");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.stdout()).contains("#" + id + "  web1             2026-11 fr  made 2026-12-01T05:00:00Z  mailed"
        + " 2026-12-01T05:00:03Z").contains("web2             2026-11 en  made 2026-12-01T05:00:00Z  not mailed:"
        + " connection refused");
    Path file = out.resolve("got.pdf");
    CliRun got = CliRun.inHome(home, "reports", "--get", String.valueOf(id), "--out", file.toString());
    assertThat(got.exitCode()).as(got.toString()).isZero();
    assertThat(Files.readString(file)).isEqualTo("%PDF-1.7 sample");
  }

  @Test
  void anUnknownLanguageIsAUsageError() {
    CliRun run = CliRun.inHome(home, "report", "web1", "-r", repo.toString(), "--lang", "de");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("--lang: 'de' is not fr or en");
  }

  private static String text(Path pdf) throws Exception {
    return com.conobium.gardien.reconciler.report.PdfReportTestSupport.text(pdf);
  }
}
