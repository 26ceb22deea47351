package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.setTime;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The records of Gardien's state database, in plain JDBC: per-server status, run history with the
 * changes of each run, the revision in force, and (when secrets are kept there) each server's
 * sealed secrets. Times are stored to the millisecond; lines and
 * errors longer than {@value #MAX_TEXT} characters are cut. Every failure is a {@link StateException}.
 */
public final class StateRepository {
  /** The longest line or error stored; longer ones are cut and end with an ellipsis. */
  public static final int MAX_TEXT = 4000;

  private final Jdbc jdbc;

  StateRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** The stored status of every server, by name. */
  public Map<String, ServerRecord> servers() {
    return query("reading the server statuses", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT server, spec_hash, mode, last_result, last_failed, "
          + "last_start, last_success, consecutive_failures, revision FROM server_status");
          ResultSet r = s.executeQuery()) {
        Map<String, ServerRecord> servers = new TreeMap<>();
        while (r.next()) {
          ServerRecord sr = new ServerRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
              r.getBoolean(5), instant(r, 6), instant(r, 7), r.getInt(8), r.getString(9));
          servers.put(sr.server(), sr);
        }
        return servers;
      }
    });
  }

  /**
   * Stores a finished run in one transaction: the server's new status, the run and its changes.
   *
   * @return the run, numbered
   */
  public RunRecord saveRun(ServerRecord status, RunRecord run, List<ChangeRecord> changes) {
    return saveRun(status, run, changes, null);
  }

  /**
   * As {@link #saveRun(ServerRecord, RunRecord, List)}, only while {@code fence} (when not null)
   * still holds the server's lease: checked in the same transaction, before anything is written.
   *
   * @throws LeaseLostException when the lease is another replica's now, or expired
   */
  public RunRecord saveRun(ServerRecord status, RunRecord run, List<ChangeRecord> changes, Fence fence) {
    return transaction("saving a run of " + status.server(), c -> {
      if (fence != null && !LeaseStore.holds(c, status.server(), fence.replica(), fence.epoch())) {
        throw new LeaseLostException(status.server(), fence);
      }
      upsertStatus(c, status);
      long id;
      try (PreparedStatement s = c.prepareStatement("INSERT INTO run_history (server, revision, started, "
          + "duration_ms, reason, mode, result, round_trips, drift_count, applied_count, failed_count, error) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
        s.setString(1, run.server());
        s.setString(2, run.revision());
        s.setObject(3, time(run.started()));
        s.setLong(4, run.duration().toMillis());
        s.setString(5, run.reason());
        s.setString(6, run.mode());
        s.setString(7, run.result());
        s.setInt(8, run.roundTrips());
        s.setInt(9, run.driftCount());
        s.setInt(10, run.appliedCount());
        s.setInt(11, run.failedCount());
        s.setString(12, cut(run.error()));
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      if (!changes.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO run_change (run_id, seq, module, line, status, error) VALUES (?, ?, ?, ?, ?, ?)")) {
          int seq = 0;
          for (ChangeRecord change : changes) {
            s.setLong(1, id);
            s.setInt(2, ++seq);
            s.setString(3, change.module());
            s.setString(4, cut(change.line()));
            s.setString(5, change.status().label());
            s.setString(6, cut(change.error()));
            s.addBatch();
          }
          s.executeBatch();
        }
      }
      return run.withId(id);
    });
  }

  /** The last {@code limit} runs of a server, newest first. */
  public List<RunRecord> runs(String server, int limit) {
    return query("reading the runs of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS + "WHERE server = ? ORDER BY started DESC, id DESC")) {
        s.setString(1, server);
        return runs(s, limit);
      }
    });
  }

  /** The runs of {@code server} that started in [{@code from}, {@code to}), oldest first. */
  public List<RunRecord> runs(String server, Instant from, Instant to) {
    return query("reading the runs of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS
          + "WHERE server = ? AND started >= ? AND started < ? ORDER BY started, id")) {
        s.setString(1, server);
        s.setObject(2, time(from));
        s.setObject(3, time(to));
        return runs(s, 0);
      }
    });
  }

  /** The last {@code limit} runs of all servers, newest first. */
  public List<RunRecord> runs(int limit) {
    return query("reading the runs", c -> {
      try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS + "ORDER BY started DESC, id DESC")) {
        return runs(s, limit);
      }
    });
  }

  private static final String RUN_COLUMNS = "SELECT id, server, revision, started, duration_ms, reason, "
      + "mode, result, round_trips, drift_count, applied_count, failed_count, error FROM run_history ";

  private static List<RunRecord> runs(PreparedStatement s, int limit) throws SQLException {
    s.setMaxRows(limit);
    try (ResultSet r = s.executeQuery()) {
      List<RunRecord> runs = new ArrayList<>();
      while (r.next()) {
        runs.add(new RunRecord(r.getLong(1), r.getString(2), r.getString(3), instant(r, 4),
            Duration.ofMillis(r.getLong(5)), r.getString(6), r.getString(7), r.getString(8), r.getInt(9),
            r.getInt(10), r.getInt(11), r.getInt(12), r.getString(13)));
      }
      return runs;
    }
  }

  /** The changes of a run, in the order they were found or applied. */
  public List<ChangeRecord> changes(long runId) {
    return query("reading the changes of run " + runId, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT module, line, status, error FROM run_change WHERE run_id = ? ORDER BY seq")) {
        s.setLong(1, runId);
        try (ResultSet r = s.executeQuery()) {
          List<ChangeRecord> changes = new ArrayList<>();
          while (r.next()) {
            changes.add(new ChangeRecord(r.getString(1), r.getString(2),
                ChangeRecord.Status.parse(r.getString(3)), r.getString(4)));
          }
          return changes;
        }
      }
    });
  }

  /** Forgets the status of a server that left the repository; its run history stays. */
  public void forget(String server) {
    transaction("forgetting " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM server_status WHERE server = ?")) {
        s.setString(1, server);
        s.executeUpdate();
      }
      return null;
    });
  }

  /**
   * Deletes the runs (and their changes) that started before {@code cutoff}, and the readings
   * taken before it; returns how many runs.
   */
  public int deleteRunsBefore(Instant cutoff) {
    return transaction("deleting old runs", c -> {
      try (PreparedStatement readings = c.prepareStatement("DELETE FROM reading_sample WHERE taken < ?")) {
        readings.setObject(1, time(cutoff));
        readings.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM run_history WHERE started < ?")) {
        s.setObject(1, time(cutoff));
        return s.executeUpdate();
      }
    });
  }

  /** Keeps {@code readings}, all taken by one run. */
  public void saveReadings(List<ReadingRecord> readings) {
    if (readings.isEmpty()) {
      return;
    }
    transaction("saving " + readings.size() + " reading(s)", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO reading_sample (server, name, labels, taken, reading) VALUES (?, ?, ?, ?, ?)")) {
        for (ReadingRecord r : readings) {
          s.setString(1, r.server());
          s.setString(2, r.name());
          s.setString(3, r.labelText());
          s.setObject(4, time(r.taken()));
          s.setDouble(5, r.value());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  /**
   * Every server's readings named {@code name} taken in [{@code from}, {@code to}), by server,
   * oldest first: {@link #readings(String, String, Instant, Instant)} of the whole fleet in one query.
   */
  public Map<String, List<ReadingRecord>> readingsOfEach(String name, Instant from, Instant to) {
    return query("reading the readings " + name + " of every server", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT server, labels, taken, reading FROM reading_sample"
          + " WHERE name = ? AND taken >= ? AND taken < ? ORDER BY server, taken, labels")) {
        s.setString(1, name);
        s.setObject(2, time(from));
        s.setObject(3, time(to));
        try (ResultSet r = s.executeQuery()) {
          Map<String, List<ReadingRecord>> readings = new HashMap<>();
          while (r.next()) {
            String server = r.getString(1);
            readings.computeIfAbsent(server, k -> new ArrayList<>()).add(new ReadingRecord(server, name,
                ReadingRecord.parseLabels(r.getString(2)), instant(r, 3), r.getDouble(4)));
          }
          return readings;
        }
      }
    });
  }

  /** {@code server}'s readings named {@code name} taken in [{@code from}, {@code to}), oldest first. */
  public List<ReadingRecord> readings(String server, String name, Instant from, Instant to) {
    return query("reading the readings " + name + " of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT labels, taken, reading FROM reading_sample"
          + " WHERE server = ? AND name = ? AND taken >= ? AND taken < ? ORDER BY taken, labels")) {
        s.setString(1, server);
        s.setString(2, name);
        s.setObject(3, time(from));
        s.setObject(4, time(to));
        try (ResultSet r = s.executeQuery()) {
          List<ReadingRecord> readings = new ArrayList<>();
          while (r.next()) {
            readings.add(new ReadingRecord(server, name, ReadingRecord.parseLabels(r.getString(1)), instant(r, 2),
                r.getDouble(3)));
          }
          return readings;
        }
      }
    });
  }

  /**
   * Replaces the check results of the modules of {@code checks} for their server: what its last
   * run found (the modules a run could not read keep their last results).
   */
  public void saveChecks(String server, List<CheckRecord> checks) {
    if (checks.isEmpty()) {
      return;
    }
    transaction("saving the checks of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM server_check WHERE server = ? AND module = ?")) {
        for (String module : checks.stream().map(CheckRecord::module).distinct().toList()) {
          s.setString(1, server);
          s.setString(2, module);
          s.addBatch();
        }
        s.executeBatch();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO server_check (server, module, check_name, passed,"
          + " expected, actual, checked) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CheckRecord r : checks) {
          if (!seen.add(r.module() + "\u0000" + r.name())) {
            continue;
          }
          s.setString(1, server);
          s.setString(2, r.module());
          s.setString(3, cut(r.name(), 300));
          s.setBoolean(4, r.passed());
          s.setString(5, cut(r.expected(), 1000));
          s.setString(6, cut(r.actual(), 1000));
          s.setObject(7, time(r.checked()));
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  /** {@code server}'s check results as its runs last found them, by module and name. */
  public List<CheckRecord> checks(String server) {
    return query("reading the checks of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT module, check_name, passed, expected, actual, checked"
          + " FROM server_check WHERE server = ? ORDER BY module, check_name")) {
        s.setString(1, server);
        try (ResultSet r = s.executeQuery()) {
          List<CheckRecord> list = new ArrayList<>();
          while (r.next()) {
            list.add(new CheckRecord(server, r.getString(1), r.getString(2), r.getBoolean(3), r.getString(4),
                r.getString(5), instant(r, 6)));
          }
          return list;
        }
      }
    });
  }

  /** Records the revision in force. */
  public void saveRevision(RevisionRecord revision) {
    transaction("saving the revision in force", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM revision_in_force")) {
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO revision_in_force (id, revision, committed, subject, since) VALUES (1, ?, ?, ?, ?)")) {
        s.setString(1, revision.id());
        setTime(s, 2, revision.committed());
        s.setString(3, cut(revision.subject()));
        s.setObject(4, time(revision.since()));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The revision in force, if one was recorded. */
  public Optional<RevisionRecord> revision() {
    return query("reading the revision in force", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT revision, committed, subject, since FROM revision_in_force WHERE id = 1");
          ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new RevisionRecord(r.getString(1), instant(r, 2), r.getString(3), instant(r, 4)))
            : Optional.empty();
      }
    });
  }

  /** The sealed (encrypted) secrets of a server, as the secret store wrote them; empty when none. */
  public Optional<byte[]> sealedSecrets(String server) {
    return query("reading the sealed secrets of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT sealed FROM server_secrets WHERE server = ?")) {
        s.setString(1, server);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
        }
      }
    });
  }

  /** Replaces the sealed secrets of a server. Only ciphertext comes here; the key never does. */
  public void saveSealedSecrets(String server, byte[] sealed, Instant updated) {
    transaction("saving the sealed secrets of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE server_secrets SET sealed = ?, updated = ? WHERE server = ?")) {
        s.setBytes(1, sealed);
        s.setObject(2, time(updated));
        s.setString(3, server);
        if (s.executeUpdate() > 0) {
          return null;
        }
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO server_secrets (sealed, updated, server) VALUES (?, ?, ?)")) {
        s.setBytes(1, sealed);
        s.setObject(2, time(updated));
        s.setString(3, server);
        s.executeUpdate();
      }
      return null;
    });
  }

  private static void upsertStatus(Connection c, ServerRecord st) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE server_status SET spec_hash = ?, mode = ?, "
        + "last_result = ?, last_failed = ?, last_start = ?, last_success = ?, consecutive_failures = ?, "
        + "revision = ? WHERE server = ?")) {
      bindStatus(s, st);
      if (s.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO server_status (spec_hash, mode, last_result, "
        + "last_failed, last_start, last_success, consecutive_failures, revision, server) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindStatus(s, st);
      s.executeUpdate();
    }
  }

  private static void bindStatus(PreparedStatement s, ServerRecord st) throws SQLException {
    s.setString(1, st.specHash());
    s.setString(2, st.mode());
    s.setString(3, st.lastResult());
    s.setBoolean(4, st.lastFailed());
    s.setObject(5, time(st.lastStart()));
    setTime(s, 6, st.lastSuccess());
    s.setInt(7, st.consecutiveFailures());
    s.setString(8, st.revision());
    s.setString(9, st.server());
  }

  private static String cut(String text) {
    return Jdbc.cut(text, MAX_TEXT);
  }

  private static String cut(String text, int max) {
    return Jdbc.cut(text, max);
  }

  private <T> T query(String what, Jdbc.Work<T> work) {
    return jdbc.query(what, work);
  }

  private <T> T transaction(String what, Jdbc.Work<T> work) {
    return jdbc.transaction(what, work);
  }
}
