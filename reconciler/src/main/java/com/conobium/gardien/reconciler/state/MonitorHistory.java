package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.cut;
import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.setTime;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The monitoring's records in the state database: its incidents, each check's hours (counts and
 * response times) and each failed check of a round (with its error). Every failure is a
 * {@link StateException}.
 */
public final class MonitorHistory {
  /** What a prune deleted. */
  public record Pruned(int failures, int hours, int incidents) {}

  private final Jdbc jdbc;

  MonitorHistory(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Stores a new open incident; returns its number. */
  public long openIncident(IncidentRecord incident) {
    return jdbc.transaction("storing the incident of " + incident.server(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO incident (server, started, alerted, ended,"
          + " failed_checks, last_errors, diagnosis, details, seen_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          new String[] {"id"})) {
        s.setString(1, incident.server());
        s.setObject(2, time(incident.started()));
        s.setObject(3, time(incident.alerted()));
        setTime(s, 4, incident.ended());
        s.setString(5, cut(incident.failedChecks(), 1000));
        s.setString(6, cut(incident.lastErrors(), StateRepository.MAX_TEXT));
        s.setString(7, cut(incident.diagnosis(), 1000));
        s.setString(8, cut(incident.details(), 8000));
        s.setString(9, cut(incident.seenBy(), 1000));
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /** Ends the open incident {@code id} at {@code ended}. */
  public void closeIncident(long id, Instant ended) {
    jdbc.transaction("closing incident " + id, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE incident SET ended = ? WHERE id = ? AND ended IS NULL")) {
        s.setObject(1, time(ended));
        s.setLong(2, id);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The incidents that started at or after {@code since} (of {@code server}, or all when null), oldest first. */
  public List<IncidentRecord> incidents(String server, Instant since) {
    return incidents(server, since, Instant.MAX.minusSeconds(1), false);
  }

  /**
   * The incidents (of {@code server}, or all when null) that were open at some time in
   * [{@code from}, {@code to}): those that started before {@code to} and had not ended by
   * {@code from}. Oldest first.
   */
  public List<IncidentRecord> incidentsDuring(String server, Instant from, Instant to) {
    return incidents(server, from, to, true);
  }

  /** The incidents still open, of every server, oldest first: the monitoring takes them up again at start. */
  public List<IncidentRecord> openIncidents() {
    return jdbc.query("reading the open incidents", c -> {
      try (PreparedStatement s = c.prepareStatement(INCIDENT_COLUMNS + " WHERE ended IS NULL ORDER BY started, id")) {
        return incidents(s);
      }
    });
  }

  private static final String INCIDENT_COLUMNS =
      "SELECT id, server, started, alerted, ended, failed_checks, last_errors, diagnosis, details, seen_by FROM incident";

  private List<IncidentRecord> incidents(String server, Instant from, Instant to, boolean overlapping) {
    String when = overlapping ? " WHERE started < ? AND (ended IS NULL OR ended > ?)" : " WHERE started >= ?";
    return jdbc.query("reading incidents", c -> {
      try (PreparedStatement s = c.prepareStatement(INCIDENT_COLUMNS + when
          + (server == null ? "" : " AND server = ?") + " ORDER BY started, id")) {
        int i = 1;
        if (overlapping) {
          s.setObject(i++, time(to));
        }
        s.setObject(i++, time(from));
        if (server != null) {
          s.setString(i, server);
        }
        return incidents(s);
      }
    });
  }

  private static List<IncidentRecord> incidents(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      List<IncidentRecord> incidents = new ArrayList<>();
      while (r.next()) {
        incidents.add(new IncidentRecord(r.getLong(1), r.getString(2), instant(r, 3), instant(r, 4), instant(r, 5),
            r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10)));
      }
      return incidents;
    }
  }

  /**
   * Adds {@code hours} to the stored ones: the counts of an hour already stored (written in parts,
   * or by a daemon before a restart) are summed, its longest time kept. One transaction.
   */
  public void addHours(List<CheckHour> hours) {
    if (hours.isEmpty()) {
      return;
    }
    jdbc.transaction("saving " + hours.size() + " monitoring hour(s)", c -> {
      for (CheckHour h : hours) {
        if (!addTo(c, h)) {
          insert(c, h);
        }
      }
      return null;
    });
  }

  private static boolean addTo(Connection c, CheckHour h) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE monitor_hour SET rounds = rounds + ?, failures = failures + ?,"
        + " took_ms_sum = took_ms_sum + ?, took_ms_max = GREATEST(took_ms_max, ?)"
        + " WHERE server = ? AND hour_start = ? AND check_name = ?")) {
      s.setInt(1, h.rounds());
      s.setInt(2, h.failures());
      s.setLong(3, h.tookMillisSum());
      s.setInt(4, h.tookMillisMax());
      s.setString(5, h.server());
      s.setObject(6, time(h.hour()));
      s.setString(7, cut(h.check(), 300));
      return s.executeUpdate() > 0;
    }
  }

  private static void insert(Connection c, CheckHour h) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO monitor_hour (server, hour_start, check_name, rounds,"
        + " failures, took_ms_sum, took_ms_max) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, h.server());
      s.setObject(2, time(h.hour()));
      s.setString(3, cut(h.check(), 300));
      s.setInt(4, h.rounds());
      s.setInt(5, h.failures());
      s.setLong(6, h.tookMillisSum());
      s.setInt(7, h.tookMillisMax());
      s.executeUpdate();
    }
  }

  /** Keeps the failed checks of rounds. */
  public void addFailures(List<CheckFailure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    jdbc.transaction("saving " + failures.size() + " failed check(s)", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO monitor_failure (server, failed_at, check_name, took_ms, error) VALUES (?, ?, ?, ?, ?)")) {
        for (CheckFailure f : failures) {
          s.setString(1, f.server());
          s.setObject(2, time(f.at()));
          s.setString(3, cut(f.check(), 300));
          s.setInt(4, f.tookMillis());
          s.setString(5, cut(f.error() == null ? "" : f.error(), 1000));
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  /**
   * The stored hours (of {@code server}, or all when null) starting in [{@code from}, {@code to}),
   * by server, hour and check.
   */
  public List<CheckHour> hours(String server, Instant from, Instant to) {
    return jdbc.query("reading the monitoring hours", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT server, hour_start, check_name, rounds, failures,"
          + " took_ms_sum, took_ms_max FROM monitor_hour WHERE hour_start >= ? AND hour_start < ?"
          + (server == null ? "" : " AND server = ?") + " ORDER BY server, hour_start, check_name")) {
        s.setObject(1, time(from));
        s.setObject(2, time(to));
        if (server != null) {
          s.setString(3, server);
        }
        try (ResultSet r = s.executeQuery()) {
          List<CheckHour> hours = new ArrayList<>();
          while (r.next()) {
            hours.add(new CheckHour(r.getString(1), instant(r, 2), r.getString(3), r.getInt(4), r.getInt(5),
                r.getLong(6), r.getInt(7)));
          }
          return hours;
        }
      }
    });
  }

  /** {@code server}'s failed checks in [{@code from}, {@code to}), oldest first. */
  public List<CheckFailure> failures(String server, Instant from, Instant to) {
    return jdbc.query("reading the failed checks of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT failed_at, check_name, took_ms, error FROM monitor_failure"
          + " WHERE server = ? AND failed_at >= ? AND failed_at < ? ORDER BY failed_at, check_name")) {
        s.setString(1, server);
        s.setObject(2, time(from));
        s.setObject(3, time(to));
        try (ResultSet r = s.executeQuery()) {
          List<CheckFailure> failures = new ArrayList<>();
          while (r.next()) {
            failures.add(new CheckFailure(server, instant(r, 1), r.getString(2), r.getInt(3), r.getString(4)));
          }
          return failures;
        }
      }
    });
  }

  /**
   * Deletes the failed checks of rounds before {@code roundsBefore}, and the hours and ended
   * incidents before {@code hoursBefore} (an open incident is never deleted).
   */
  public Pruned prune(Instant roundsBefore, Instant hoursBefore) {
    return jdbc.transaction("pruning the monitoring history", c -> new Pruned(
        delete(c, "DELETE FROM monitor_failure WHERE failed_at < ?", roundsBefore),
        delete(c, "DELETE FROM monitor_hour WHERE hour_start < ?", hoursBefore),
        delete(c, "DELETE FROM incident WHERE ended IS NOT NULL AND ended < ?", hoursBefore)));
  }

  private static int delete(Connection c, String sql, Instant before) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, time(before));
      return s.executeUpdate();
    }
  }
}
