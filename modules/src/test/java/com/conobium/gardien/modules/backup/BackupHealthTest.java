package com.conobium.gardien.modules.backup;

import static com.conobium.gardien.modules.backup.BackupFixtures.NOW;
import static com.conobium.gardien.modules.backup.BackupFixtures.converged;
import static com.conobium.gardien.modules.backup.BackupFixtures.desired;
import static com.conobium.gardien.modules.backup.BackupFixtures.record;
import static com.conobium.gardien.modules.backup.BackupFixtures.withRuns;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.CheckResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupHealthTest {
  private static final long HOUR = 3600;
  private final BackupHealth health = new BackupHealth();

  private CheckResult lastBackup(BackupFacts facts) {
    List<CheckResult> checks = health.checks(desired(), facts);
    return checks.stream().filter(c -> c.name().equals("last backup")).findFirst().orElseThrow();
  }

  private CheckResult lastVerification(BackupFacts facts) {
    return health.checks(desired(), facts).stream()
        .filter(c -> c.name().equals("last verification")).findFirst().orElseThrow();
  }

  private static BackupFacts installed(long hoursAgo) {
    return converged(desired(), NOW - hoursAgo * HOUR);
  }

  @Test
  void theLastSuccessIsAReadingOnceThereIsOne() throws Exception {
    long at = NOW - 27 * HOUR;
    BackupFacts parsed = BackupFacts.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"files\":{},\"now\":" + NOW + ",\"lastRun\":{\"status\":\"failed\",\"lastSuccess\":\"" + at + "\"}}"));

    assertThat(BackupHealth.readings(parsed)).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("backup_last_success_timestamp_seconds");
      assertThat(r.labels()).isEmpty();
      assertThat((long) r.value()).isEqualTo(at);
    });
  }

  private CheckResult replica(BackupFacts facts) {
    return health.checks(BackupFixtures.desiredWithReplica(), facts).stream()
        .filter(c -> c.name().equals("backup replica 1")).findFirst().orElseThrow();
  }

  private static BackupFacts.Replica replicaRecords(BackupFacts.StateRecord run, BackupFacts.StateRecord check) {
    return new BackupFacts.Replica(java.util.Optional.ofNullable(run), java.util.Optional.ofNullable(check));
  }

  @Test
  void eachReplicaIsCheckedOnItsOwnFromItsRecords() throws Exception {
    BackupFacts base = converged(BackupFixtures.desiredWithReplica(), NOW - 30 * HOUR);
    String ok = Long.toString(NOW - 2 * HOUR);

    CheckResult fresh = replica(BackupFixtures.withReplicas(base, replicaRecords(
        record("status", "ok", "lastSuccess", ok, "snapshots", "9"), record("time", ok, "status", "ok"))));
    CheckResult failed = replica(BackupFixtures.withReplicas(base, replicaRecords(record("status", "failed",
        "started", ok, "message", "Permission denied (the space refuses the key)", "lastSuccess", ""), null)));
    CheckResult badCheck = replica(BackupFixtures.withReplicas(base, replicaRecords(
        record("status", "ok", "lastSuccess", ok), record("time", ok, "status", "failed", "message", "pack 1f2e damaged"))));
    CheckResult never = replica(base);
    CheckResult stale = replica(BackupFixtures.withReplicas(base, replicaRecords(
        record("status", "ok", "lastSuccess", Long.toString(NOW - 27 * HOUR)), null)));

    assertThat(fresh.passed()).isTrue();
    assertThat(fresh.expected()).contains("sftp:u2@backup2.example.org:copies/web1");
    assertThat(fresh.actual()).startsWith("ok ").contains("9 snapshots").contains("verified");
    assertThat(failed.passed()).isFalse();
    assertThat(failed.actual()).contains("Permission denied").contains("never succeeded");
    assertThat(badCheck.passed()).isFalse();
    assertThat(badCheck.actual()).startsWith("verification failed").contains("pack 1f2e damaged");
    assertThat(never.passed()).as("no copy 30 h after the repository was made").isFalse();
    CheckResult justAdded = replica(BackupFixtures.withReplicas(base, replicaRecords(
        record("repository", "sftp:u2@backup2.example.org:copies/web1", "initialised", Long.toString(NOW - HOUR)), null)));
    assertThat(justAdded.passed()).as("a replica added to an old repository an hour ago").isTrue();
    assertThat(justAdded.actual()).startsWith("no copy yet");
    assertThat(stale.passed()).isFalse();
    BackupFacts parsed = BackupFacts.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"files\":{},\"now\":" + NOW + ",\"replicas\":[{\"run\":{\"status\":\"ok\",\"lastSuccess\":\"" + ok
            + "\"},\"check\":null}]}"));
    assertThat(BackupHealth.readings(parsed)).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("backup_replica_last_success_timestamp_seconds");
      assertThat(r.labels()).containsEntry("replica", "1");
    });
  }

  @Test
  void beforeAnySuccessThereIsNoReading() {
    assertThat(BackupHealth.readings(installed(5))).isEmpty();
    assertThat(BackupHealth.readings(withRuns(installed(2), record("started", Long.toString(NOW - HOUR),
        "status", "failed", "lastSuccess", ""), null))).isEmpty();
  }

  @Test
  void aFreshInstallThatHasNotRunYetIsNotAFailure() {
    CheckResult check = lastBackup(installed(5));

    assertThat(check.passed()).isTrue();
    assertThat(check.actual()).isEqualTo("none yet; repository created 5 h ago, first run daily at 02:30");
  }

  @Test
  void aBackupThatNeverRanInMoreThan26HoursFails() {
    assertThat(lastBackup(installed(26)).passed()).isTrue();
    CheckResult check = lastBackup(installed(27));

    assertThat(check.passed()).isFalse();
    assertThat(check.actual()).startsWith("none yet; repository created 27 h ago");
  }

  @Test
  void aRecentSuccessPassesAndCarriesTheFacts() {
    BackupFacts f = withRuns(installed(100), record("started", Long.toString(NOW - 3 * HOUR), "status", "ok",
        "lastSuccess", Long.toString(NOW - 3 * HOUR), "snapshots", "13", "repositoryBytes", "1610612736",
        "spaceFreeBytes", "1099511627776", "message", "databases: shop"), null);

    CheckResult check = lastBackup(f);

    assertThat(check.passed()).isTrue();
    assertThat(check.actual()).isEqualTo("ok 2026-09-21T11:13:20Z (3 h ago); 13 snapshots; repository 1.5 GiB;"
        + " space free 1.0 TiB; databases: shop");
  }

  @Test
  void aSuccessOlderThan26HoursFails() {
    long at = NOW - 27 * HOUR;
    BackupFacts f = withRuns(installed(100), record("started", Long.toString(at), "status", "ok",
        "lastSuccess", Long.toString(at), "snapshots", "13"), null);

    CheckResult check = lastBackup(f);

    assertThat(check.passed()).isFalse();
    assertThat(check.actual()).startsWith("last success ").contains("(27 h ago)").contains("13 snapshots");
  }

  @Test
  void aFailedRunFailsAtOnceWithItsMessageAndTheLastSuccess() {
    BackupFacts f = withRuns(installed(100), record("started", Long.toString(NOW - HOUR), "status", "failed",
        "message", "Fatal: unable to open repository", "lastSuccess", Long.toString(NOW - 25 * HOUR)), null);

    CheckResult check = lastBackup(f);

    assertThat(check.passed()).isFalse();
    assertThat(check.actual()).contains("failed ").contains("(60 min ago): Fatal: unable to open repository")
        .contains("last success ").contains("(25 h ago)");
  }

  @Test
  void aFailedFirstRunSaysItNeverSucceeded() {
    BackupFacts f = withRuns(installed(2), record("started", Long.toString(NOW - HOUR), "status", "failed",
        "message", "Permission denied (publickey)", "lastSuccess", ""), null);

    assertThat(lastBackup(f).actual()).endsWith("Permission denied (publickey); never succeeded");
  }

  @Test
  void verificationResultsAreReported() {
    assertThat(lastVerification(installed(1)).passed()).isTrue();
    BackupFacts ok = withRuns(installed(100), null, record("time", Long.toString(NOW - 50 * HOUR), "status", "ok",
        "message", "read 5% of the data back: no errors"));
    assertThat(lastVerification(ok).passed()).isTrue();
    assertThat(lastVerification(ok).actual()).contains("(50 h ago): read 5% of the data back");
    BackupFacts bad = withRuns(installed(100), null, record("time", Long.toString(NOW - HOUR), "status", "failed",
        "message", "pack 1234abcd: not referenced"));

    assertThat(lastVerification(bad).passed()).isFalse();
    assertThat(lastVerification(bad).actual()).contains("pack 1234abcd");
  }

  @Test
  void durationsAndSizesReadWell() {
    assertThat(BackupHealth.ago(59)).isEqualTo("59 s ago");
    assertThat(BackupHealth.ago(7199)).isEqualTo("119 min ago");
    assertThat(BackupHealth.ago(4 * 86400)).isEqualTo("4 days ago");
    assertThat(BackupHealth.ago(-120)).isEqualTo("in the future by 2 min");
    assertThat(BackupHealth.bytes(512)).isEqualTo("512 B");
    assertThat(BackupHealth.bytes(1536)).isEqualTo("1.5 KiB");
  }
}
