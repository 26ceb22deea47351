package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the state repository does, the same on every database it runs on. */
abstract class StateRepositoryContract {
  static final Instant T0 = Instant.parse("2026-12-04T10:00:00.123Z");
  static final String REV = "0123456789abcdef0123456789abcdef01234567";

  StateDatabase db;
  StateRepository repo;
  MonitorHistory history;

  /** A fresh, empty database for one test. */
  abstract StateLocation freshDatabase() throws Exception;

  @BeforeEach
  void open() throws Exception {
    db = StateDatabase.open(freshDatabase());
    repo = db.repository();
    history = db.monitorHistory();
  }

  @AfterEach
  void closeDb() {
    if (db != null) {
      db.close();
    }
  }

  static ServerRecord status(String server, String hash, String result, boolean failed, Instant start,
      Instant success, int failures) {
    return new ServerRecord(server, hash, "apply", result, failed, start, success, failures, REV);
  }

  static RunRecord run(String server, Instant start, String result) {
    return new RunRecord(0, server, REV, start, Duration.ofMillis(1234), "spec_changed", "apply", result, 2, 1,
        1, 0, null);
  }

  @Test
  void anEmptyDatabaseHasNoServersNoRunsAndNoRevision() {
    assertThat(repo.servers()).isEmpty();
    assertThat(repo.runs("web1", 10)).isEmpty();
    assertThat(repo.revision()).isEmpty();
  }

  @Test
  void incidentsAreStoredOpenThenClosedAndListedByServerAndDate() {
    long id = history.openIncident(new IncidentRecord(0, "web1", T0, T0.plusSeconds(240), null, "ssh, site shop",
        "ssh: port 22: no answer\nsite shop: no answer", "unreachable: no answer at any level", "units-down:\n  nginx.service (inactive)\n"));
    history.openIncident(new IncidentRecord(0, "web2", T0.plusSeconds(60), T0.plusSeconds(300), null, "site blog",
        "site blog: HTTP 502", "the server answers (SSH) but a service fails: site blog", ""));
    assertThat(history.incidents("web1", T0).get(0).ended()).isNull();

    history.closeIncident(id, T0.plusSeconds(600));
    history.closeIncident(id, T0.plusSeconds(900));

    List<IncidentRecord> web1 = history.incidents("web1", T0);
    assertThat(web1).singleElement().satisfies(i -> {
      assertThat(i.id()).isEqualTo(id);
      assertThat(i.ended()).as("closed once").isEqualTo(T0.plusSeconds(600));
      assertThat(i.failedChecks()).isEqualTo("ssh, site shop");
      assertThat(i.lastErrors()).contains("site shop: no answer");
      assertThat(i.diagnosis()).startsWith("unreachable");
      assertThat(i.details()).isEqualTo("units-down:\n  nginx.service (inactive)\n");
    });
    assertThat(history.incidents(null, T0)).extracting(IncidentRecord::server).containsExactly("web1", "web2");
    assertThat(history.incidents(null, T0.plusSeconds(30))).extracting(IncidentRecord::server).containsExactly("web2");
  }

  @Test
  void incidentsOpenDuringAPeriodAndTheOpenOnesAreFound() {
    long early = history.openIncident(incident("web1", T0));
    history.closeIncident(early, T0.plusSeconds(3600));
    long late = history.openIncident(incident("web1", T0.plusSeconds(7200)));
    history.openIncident(incident("web2", T0.plusSeconds(600)));

    assertThat(history.incidentsDuring("web1", T0.plusSeconds(3000), T0.plusSeconds(8000)))
        .extracting(IncidentRecord::id).containsExactly(early, late);
    assertThat(history.incidentsDuring("web1", T0.plusSeconds(3600), T0.plusSeconds(7200)))
        .as("ended at the start, starts at the end: neither").isEmpty();
    assertThat(history.incidentsDuring(null, T0.plusSeconds(4000), T0.plusSeconds(4001)))
        .extracting(IncidentRecord::server).containsExactly("web2");
    assertThat(history.openIncidents()).extracting(IncidentRecord::server).containsExactly("web2", "web1");
  }

  @Test
  void hoursWrittenInPartsAddUpAndKeepTheLongestTime() {
    Instant hour = Instant.parse("2026-12-04T10:00:00Z");
    history.addHours(List.of(new CheckHour("web1", hour, "ssh", 10, 1, 500, 90),
        new CheckHour("web1", hour, CheckHour.ROUND, 10, 2, 0, 0)));
    history.addHours(List.of(new CheckHour("web1", hour, "ssh", 50, 0, 2500, 60),
        new CheckHour("web1", hour.plusSeconds(3600), "ssh", 60, 0, 3000, 70),
        new CheckHour("web2", hour, "ssh", 60, 60, 600000, 10000)));

    assertThat(history.hours("web1", hour, hour.plusSeconds(7200))).containsExactly(
        new CheckHour("web1", hour, CheckHour.ROUND, 10, 2, 0, 0),
        new CheckHour("web1", hour, "ssh", 60, 1, 3000, 90),
        new CheckHour("web1", hour.plusSeconds(3600), "ssh", 60, 0, 3000, 70));
    assertThat(history.hours(null, hour, hour.plusSeconds(1))).extracting(CheckHour::server)
        .containsExactly("web1", "web1", "web2");
    assertThat(history.hours("web1", hour, hour.plusSeconds(7200)).get(1).averageTook())
        .isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void failedChecksAreKeptWithTheirErrors() {
    history.addFailures(List.of(new CheckFailure("web1", T0, "site shop", 10000, "http://shop: timed out"),
        new CheckFailure("web1", T0.plusSeconds(60), "ssh", 3, "port 22: connection refused"),
        new CheckFailure("web2", T0, "ssh", 3, "port 22: connection refused")));

    assertThat(history.failures("web1", T0, T0.plusSeconds(61))).containsExactly(
        new CheckFailure("web1", T0, "site shop", 10000, "http://shop: timed out"),
        new CheckFailure("web1", T0.plusSeconds(60), "ssh", 3, "port 22: connection refused"));
    assertThat(history.failures("web1", T0.plusSeconds(1), T0.plusSeconds(60))).isEmpty();
  }

  @Test
  void thePruneDeletesOldRoundsAndOldHoursButNeverAnOpenIncident() {
    Instant old = Instant.parse("2025-01-01T00:00:00Z");
    Instant recent = Instant.parse("2026-12-01T00:00:00Z");
    history.addFailures(List.of(new CheckFailure("web1", old, "ssh", 3, "refused"),
        new CheckFailure("web1", recent, "ssh", 3, "refused")));
    history.addHours(List.of(new CheckHour("web1", old, "ssh", 60, 1, 60, 3),
        new CheckHour("web1", recent, "ssh", 60, 1, 60, 3)));
    long closedOld = history.openIncident(incident("web1", old));
    history.closeIncident(closedOld, old.plusSeconds(600));
    history.openIncident(incident("web2", old));

    MonitorHistory.Pruned pruned = history.prune(Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2025-06-01T00:00:00Z"));

    assertThat(pruned).isEqualTo(new MonitorHistory.Pruned(1, 1, 1));
    assertThat(history.failures("web1", old, recent.plusSeconds(1))).extracting(CheckFailure::at)
        .containsExactly(recent);
    assertThat(history.hours(null, old, recent.plusSeconds(1))).extracting(CheckHour::hour).containsExactly(recent);
    assertThat(history.incidents(null, old)).extracting(IncidentRecord::server).containsExactly("web2");
  }

  private static IncidentRecord incident(String server, Instant started) {
    return new IncidentRecord(0, server, started, started.plusSeconds(240), null, "ssh", "ssh: refused",
        "unreachable", "");
  }

  @Test
  void readingsAreKeptOverTimeAndGoWithTheRunsTheyOutlive() {
    repo.saveReadings(List.of(
        new ReadingRecord("web1", "certificate_expiry_timestamp_seconds", java.util.Map.of("site", "shop"), T0, 1.7e9),
        new ReadingRecord("web1", "certificate_expiry_timestamp_seconds", java.util.Map.of("site", "blog"), T0, 1.8e9),
        new ReadingRecord("web2", "certificate_expiry_timestamp_seconds", java.util.Map.of("site", "shop"), T0, 1.6e9)));
    repo.saveReadings(List.of(new ReadingRecord("web1", "certificate_expiry_timestamp_seconds",
        java.util.Map.of("site", "shop"), T0.plusSeconds(3600), 1.9e9)));
    repo.saveReadings(List.of());

    List<ReadingRecord> web1 = repo.readings("web1", "certificate_expiry_timestamp_seconds", T0, T0.plusSeconds(7200));
    assertThat(web1).extracting(r -> r.labels().get("site") + "@" + r.taken() + "=" + r.value())
        .containsExactly("blog@" + T0 + "=1.8E9", "shop@" + T0 + "=1.7E9", "shop@" + T0.plusSeconds(3600) + "=1.9E9");
    assertThat(repo.readings("web1", "certificate_expiry_timestamp_seconds", T0.plusSeconds(1), T0.plusSeconds(7200)))
        .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(1.9e9));
    assertThat(repo.readings("web1", "backup_age_seconds", T0, T0.plusSeconds(7200))).isEmpty();

    repo.deleteRunsBefore(T0.plusSeconds(1));
    assertThat(repo.readings("web1", "certificate_expiry_timestamp_seconds", T0, T0.plusSeconds(7200)))
        .singleElement().satisfies(r -> assertThat(r.taken()).isEqualTo(T0.plusSeconds(3600)));
  }

  @Test
  void theReadingsOfEveryServerAreEachServersReadings() {
    String expiry = "certificate_expiry_timestamp_seconds";
    repo.saveReadings(List.of(
        new ReadingRecord("web1", expiry, java.util.Map.of("site", "shop"), T0, 1.7e9),
        new ReadingRecord("web1", expiry, java.util.Map.of("site", "blog"), T0.plusSeconds(60), 1.8e9),
        new ReadingRecord("web2", expiry, java.util.Map.of("site", "shop"), T0, 1.6e9),
        new ReadingRecord("web2", "backup_age_seconds", java.util.Map.of(), T0, 3600),
        new ReadingRecord("web3", expiry, java.util.Map.of("site", "shop"), T0.minusSeconds(1), 1.5e9)));

    var all = repo.readingsOfEach(expiry, T0, T0.plusSeconds(7200));

    assertThat(all.keySet()).containsExactlyInAnyOrder("web1", "web2");
    for (String server : List.of("web1", "web2")) {
      assertThat(all.get(server)).isEqualTo(repo.readings(server, expiry, T0, T0.plusSeconds(7200)));
    }
  }

  @Test
  void reopeningKeepsTheDataAndMigratesNothingTwice() throws Exception {
    repo.saveRun(status("web1", "h1", "converged", false, T0, T0, 0), run("web1", T0, "converged"), List.of());
    List<String> applied = migrations();
    StateLocation location = db.location();
    db.close();

    db = StateDatabase.open(location);

    assertThat(db.repository().servers()).containsOnlyKeys("web1");
    assertThat(applied).startsWith("1", "2").doesNotHaveDuplicates();
    assertThat(migrations()).as("nothing migrated again").isEqualTo(applied);
  }

  private List<String> migrations() throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" "
            + "WHERE \"success\" AND \"type\" = 'SQL' ORDER BY \"installed_rank\"")) {
      List<String> versions = new java.util.ArrayList<>();
      while (r.next()) {
        versions.add(r.getString(1));
      }
      return versions;
    }
  }

  @Test
  void aSavedRunGivesTheServersStatusAndTheNextRunReplacesIt() {
    ServerRecord first = status("web1", "h1", "unreachable", true, T0, null, 1);
    repo.saveRun(first, run("web1", T0, "unreachable"), List.of());
    assertThat(repo.servers()).containsEntry("web1", first);

    ServerRecord second = status("web1", "h2", "converged", false, T0.plusSeconds(60), T0.plusSeconds(61), 0);
    repo.saveRun(second, run("web1", T0.plusSeconds(60), "converged"), List.of());
    repo.saveRun(status("web2", "h3", "in_sync", false, T0, T0, 0), run("web2", T0, "in_sync"), List.of());

    assertThat(repo.servers()).containsOnlyKeys("web1", "web2").containsEntry("web1", second);
  }

  @Test
  void runsComeNewestFirstWithTheirChangesInOrder() {
    RunRecord older = repo.saveRun(status("web1", "h1", "drift", false, T0, T0, 0), run("web1", T0, "drift"),
        List.of(new ChangeRecord("time", "~ timezone: Etc/UTC -> Europe/Paris", ChangeRecord.Status.DRIFT, null)));
    RunRecord newer = repo.saveRun(status("web1", "h1", "failed", true, T0.plusSeconds(5), T0, 1),
        new RunRecord(0, "web1", REV, T0.plusSeconds(5), Duration.ofSeconds(3), "retry", "apply", "failed", 4, 2,
            1, 1, null),
        List.of(new ChangeRecord("packages", "+ package nginx", ChangeRecord.Status.APPLIED, null),
            new ChangeRecord("files", "~ file /etc/app.env: (sensitive value) -> (sensitive value)",
                ChangeRecord.Status.FAILED, "permission denied")));
    repo.saveRun(status("web2", "h9", "in_sync", false, T0, T0, 0), run("web2", T0, "in_sync"), List.of());

    assertThat(newer.id()).isGreaterThan(older.id()).isPositive();
    assertThat(repo.runs("web1", 10)).extracting(RunRecord::id).containsExactly(newer.id(), older.id());
    assertThat(repo.runs("web1", 1)).containsExactly(newer);
    assertThat(repo.changes(newer.id())).containsExactly(
        new ChangeRecord("packages", "+ package nginx", ChangeRecord.Status.APPLIED, null),
        new ChangeRecord("files", "~ file /etc/app.env: (sensitive value) -> (sensitive value)",
            ChangeRecord.Status.FAILED, "permission denied"));
    assertThat(repo.changes(older.id())).extracting(ChangeRecord::status).containsExactly(ChangeRecord.Status.DRIFT);
  }

  @Test
  void theRunsOfAllServersComeNewestFirstThenLastStoredFirst() {
    RunRecord older = repo.saveRun(status("web1", "h1", "drift", false, T0, T0, 0), run("web1", T0, "drift"),
        List.of());
    RunRecord other = repo.saveRun(status("web2", "h9", "in_sync", false, T0, T0, 0), run("web2", T0, "in_sync"),
        List.of());
    RunRecord newest = repo.saveRun(status("web1", "h1", "converged", false, T0.plusSeconds(5), T0, 0),
        run("web1", T0.plusSeconds(5), "converged"), List.of());

    assertThat(repo.runs(10)).containsExactly(newest, other, older);
    assertThat(repo.runs(2)).containsExactly(newest, other);
  }

  @Test
  void aRunThatCannotBeStoredLeavesNothingBehind() {
    repo.saveRun(status("web1", "h1", "converged", false, T0, T0, 0), run("web1", T0, "converged"), List.of());

    assertThatThrownBy(() -> repo.saveRun(status("web1", "h2", "converged", false, T0.plusSeconds(9), T0, 0),
        run("web1", T0.plusSeconds(9), "converged"),
        List.of(new ChangeRecord("time", null, ChangeRecord.Status.APPLIED, null))))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("saving a run of web1");

    assertThat(repo.servers().get("web1").specHash()).as("the status update was rolled back").isEqualTo("h1");
    assertThat(repo.runs("web1", 10)).hasSize(1);
  }

  @Test
  void aLongLineIsCut() {
    RunRecord r = repo.saveRun(status("web1", "h1", "drift", false, T0, T0, 0), run("web1", T0, "drift"),
        List.of(new ChangeRecord("files", "x".repeat(10_000), ChangeRecord.Status.DRIFT, null)));

    String stored = repo.changes(r.id()).get(0).line();
    assertThat(stored).hasSize(StateRepository.MAX_TEXT).endsWith("…");
  }

  @Test
  void forgettingAServerKeepsItsHistory() {
    repo.saveRun(status("web1", "h1", "converged", false, T0, T0, 0), run("web1", T0, "converged"), List.of());

    repo.forget("web1");

    assertThat(repo.servers()).isEmpty();
    assertThat(repo.runs("web1", 10)).hasSize(1);
  }

  @Test
  void oldRunsAreDeletedWithTheirChanges() {
    RunRecord old = repo.saveRun(status("web1", "h1", "drift", false, T0, T0, 0), run("web1", T0, "drift"),
        List.of(new ChangeRecord("time", "~ timezone", ChangeRecord.Status.DRIFT, null)));
    RunRecord recent = repo.saveRun(status("web1", "h1", "drift", false, T0.plusSeconds(3600), T0, 0),
        run("web1", T0.plusSeconds(3600), "drift"), List.of());

    assertThat(repo.deleteRunsBefore(T0.plusSeconds(60))).isEqualTo(1);

    assertThat(repo.runs("web1", 10)).containsExactly(recent);
    assertThat(repo.changes(old.id())).isEmpty();
  }

  @Test
  void theRevisionInForceIsReplaced() {
    repo.saveRevision(new RevisionRecord(REV, T0, "first", T0.plusSeconds(1)));
    RevisionRecord next = new RevisionRecord("fedcba9876543210fedcba9876543210fedcba98", null, "second",
        T0.plusSeconds(2));

    repo.saveRevision(next);

    assertThat(repo.revision()).contains(next);
  }

  @Test
  void sealedSecretsAreStoredAsGivenAndReplaced() {
    byte[] first = {'G', 'S', 'S', '1', 0, 1, 2, (byte) 0xff};
    byte[] second = {'G', 'S', 'S', '1', 9, 9};

    assertThat(repo.sealedSecrets("web1")).isEmpty();
    repo.saveSealedSecrets("web1", first, T0);
    assertThat(repo.sealedSecrets("web1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(first));
    repo.saveSealedSecrets("web1", second, T0.plusSeconds(1));

    assertThat(repo.sealedSecrets("web1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(second));
    assertThat(repo.sealedSecrets("web2")).isEmpty();
  }

  @Test
  void eachRunReplacesTheChecksOfTheModulesItRead() {
    Instant first = Instant.parse("2026-12-01T00:00:00Z");
    repo.saveChecks("web1", List.of(
        new CheckRecord("web1", "prerequisites", "swap equals ram", false, "8.0 GiB", "none", first),
        new CheckRecord("web1", "backup", "last backup", true, "within 26 h", "2 h ago", first)));
    Instant second = first.plusSeconds(300);
    repo.saveChecks("web1", List.of(
        new CheckRecord("web1", "prerequisites", "swap equals ram", true, "8.0 GiB", "8.0 GiB", second)));

    assertThat(repo.checks("web1")).extracting(CheckRecord::module, CheckRecord::name, CheckRecord::passed,
        CheckRecord::checked).containsExactly(
            org.assertj.core.groups.Tuple.tuple("backup", "last backup", true, first),
            org.assertj.core.groups.Tuple.tuple("prerequisites", "swap equals ram", true, second));
    assertThat(repo.checks("web2")).isEmpty();
  }
}
