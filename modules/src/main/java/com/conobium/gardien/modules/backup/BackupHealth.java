package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.backup.BackupFacts.StateRecord;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks of an installed backup, from the records the script keeps on the server. Pure: "now"
 * is the server's clock, a fact.
 *
 * <ul>
 *   <li>{@code last backup} fails when the last run failed (at once: the next night may fail too),
 *       or when the last successful backup is older than {@link #MAX_AGE_SECONDS} (26 hours: one
 *       night, the timer's randomised delay and some slack).
 *   <li>A backup that has never run is not a failure while its repository was initialised less
 *       than 26 hours ago: the first run waits for the nightly time, and a freshly installed server
 *       should not be reported broken for it. Past that, "never ran" fails like a stale backup.
 *   <li>{@code last verification} fails when the last {@code restic check} found errors.
 * </ul>
 *
 * The passed checks' actual values carry the facts people want: when, how many snapshots, the
 * repository's size and the space's free room.
 */
final class BackupHealth {
  static final long MAX_AGE_SECONDS = 26 * 3600;
  static final String LAST_SUCCESS = BackupModule.LAST_SUCCESS;
  static final String REPLICA_LAST_SUCCESS = "backup_replica_last_success_timestamp_seconds";
  static final String LAST_BACKUP = "last backup";
  static final String LAST_VERIFICATION = "last verification";

  List<CheckResult> checks(BackupDesired desired, BackupFacts facts) {
    List<CheckResult> checks = new ArrayList<>();
    checks.add(lastBackup(desired, facts));
    checks.add(lastVerification(facts));
    for (int i = 1; i <= desired.replicas().size(); i++) {
      checks.add(replica(i, desired.replicas().get(i - 1), desired, facts));
    }
    return checks;
  }

  /** The name of replica {@code number}'s check. */
  static String replicaCheck(int number) {
    return "backup replica " + number;
  }

  /**
   * A replica: its last copy succeeded within 26 hours and its last verification found no error.
   * Before its first copy it fails like the primary's backup: once the repository is 26 hours old.
   */
  private static CheckResult replica(int number, BackupSpaceAccess space, BackupDesired desired, BackupFacts facts) {
    String name = replicaCheck(number);
    String expected = "the snapshots copied to " + space.repository() + " in the last 26 h, verified weekly";
    long now = facts.now();
    BackupFacts.Replica records = facts.replica(number);
    Optional<StateRecord> check = records.check();
    if (check.isPresent() && check.get().text("status").equals("failed")) {
      return CheckResult.of(name, false, expected, "verification failed "
          + check.get().number("time").map(t -> at(t, now)).orElse("at an unknown time") + ": "
          + check.get().text("message"));
    }
    if (records.run().isEmpty() || records.run().get().text("status").isEmpty()) {
      // created by init (its record says when), or not even that: the primary's age counts
      Optional<Long> installed = records.run().flatMap(r -> r.number("initialised"))
          .or(() -> facts.repository().flatMap(r -> r.number("initialised")));
      long age = installed.map(t -> now - t).orElse(0L);
      return CheckResult.of(name, age <= MAX_AGE_SECONDS, expected,
          "no copy yet; the first one follows the next backup, daily at " + desired.time());
    }
    StateRecord run = records.run().get();
    Optional<Long> success = run.number("lastSuccess");
    String successText = success.map(s -> "last success " + at(s, now)).orElse("never succeeded");
    if (run.text("status").equals("failed")) {
      return CheckResult.of(name, false, expected, "failed "
          + run.number("started").map(s -> at(s, now)).orElse("at an unknown time") + ": " + run.text("message")
          + "; " + successText);
    }
    boolean fresh = success.isPresent() && now - success.get() <= MAX_AGE_SECONDS;
    StringBuilder actual = new StringBuilder(fresh ? "ok " + at(success.get(), now) : successText);
    run.number("snapshots").ifPresent(n -> actual.append("; ").append(n).append(" snapshots"));
    check.ifPresent(c -> actual.append("; verified ").append(c.number("time").map(t -> at(t, now)).orElse("")));
    return CheckResult.of(name, fresh, expected, actual.toString());
  }

  /**
   * When the last backup succeeded (Unix time, from the script's {@code last-run} record), once
   * one has; none before, so an alert on its age stays silent until the first success.
   */
  static List<Reading> readings(BackupFacts facts) {
    List<Reading> readings = new ArrayList<>();
    facts.lastRun().flatMap(r -> r.number("lastSuccess")).ifPresent(t ->
        readings.add(Reading.of(LAST_SUCCESS, "When the last backup of the server succeeded (Unix time)", t)));
    for (int i = 1; i <= facts.replicas().size(); i++) {
      int number = i;
      facts.replica(i).run().flatMap(r -> r.number("lastSuccess")).ifPresent(t -> readings.add(new Reading(
          REPLICA_LAST_SUCCESS, "When the snapshots were last copied to a backup replica (Unix time)",
          java.util.Map.of("replica", String.valueOf(number)), t)));
    }
    return readings;
  }

  private static CheckResult lastBackup(BackupDesired desired, BackupFacts facts) {
    String expected = "a successful backup in the last 26 h";
    long now = facts.now();
    Optional<StateRecord> run = facts.lastRun();
    if (run.isEmpty()) {
      Optional<Long> installed = facts.repository().flatMap(r -> r.number("initialised"));
      if (installed.isEmpty()) {
        return CheckResult.of(LAST_BACKUP, true, expected, "none yet: the repository is created by apply");
      }
      long age = now - installed.get();
      String since = "none yet; repository created " + ago(age) + ", first run daily at " + desired.time();
      return CheckResult.of(LAST_BACKUP, age <= MAX_AGE_SECONDS, expected, since);
    }
    StateRecord last = run.get();
    Optional<Long> success = last.number("lastSuccess");
    String successText = success.map(s -> "last success " + at(s, now)).orElse("never succeeded");
    if (last.text("status").equals("failed")) {
      String when = last.number("started").map(s -> at(s, now)).orElse("at an unknown time");
      return CheckResult.of(LAST_BACKUP, false, expected,
          "failed " + when + ": " + last.text("message") + "; " + successText);
    }
    if (success.isEmpty()) {
      return CheckResult.of(LAST_BACKUP, false, expected, "unreadable record: " + last.values());
    }
    boolean fresh = now - success.get() <= MAX_AGE_SECONDS;
    StringBuilder actual = new StringBuilder(fresh ? "ok " + at(success.get(), now) : successText);
    last.number("snapshots").ifPresent(n -> actual.append("; ").append(n).append(" snapshots"));
    last.number("repositoryBytes").ifPresent(n -> actual.append("; repository ").append(bytes(n)));
    last.number("spaceFreeBytes").ifPresent(n -> actual.append("; space free ").append(bytes(n)));
    if (!last.text("message").isEmpty()) {
      actual.append("; ").append(last.text("message"));
    }
    return CheckResult.of(LAST_BACKUP, fresh, expected, actual.toString());
  }

  private static CheckResult lastVerification(BackupFacts facts) {
    String expected = "restic check --read-data-subset=" + BackupFiles.CHECK_SUBSET + " without errors, weekly";
    Optional<StateRecord> check = facts.lastCheck();
    if (check.isEmpty()) {
      return CheckResult.of(LAST_VERIFICATION, true, expected, "none yet: runs after the first backup");
    }
    StateRecord last = check.get();
    String when = last.number("time").map(t -> at(t, facts.now())).orElse("at an unknown time");
    boolean ok = last.text("status").equals("ok");
    return CheckResult.of(LAST_VERIFICATION, ok, expected,
        (ok ? "ok " : "failed ") + when + (last.text("message").isEmpty() ? "" : ": " + last.text("message")));
  }

  /** {@code 2026-11-25T02:41:07Z (3 h ago)}. */
  static String at(long epochSeconds, long now) {
    return Instant.ofEpochSecond(epochSeconds) + " (" + ago(now - epochSeconds) + ")";
  }

  /** A duration in the largest whole unit people read easily. */
  static String ago(long seconds) {
    if (seconds < 0) {
      return "in the future by " + ago(-seconds).replace(" ago", "");
    }
    if (seconds < 120) {
      return seconds + " s ago";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 3 * 86400) {
      return seconds / 3600 + " h ago";
    }
    return seconds / 86400 + " days ago";
  }

  /** Bytes in binary units with one decimal, e.g. {@code 1.5 GiB}. */
  static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = n;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? n + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
