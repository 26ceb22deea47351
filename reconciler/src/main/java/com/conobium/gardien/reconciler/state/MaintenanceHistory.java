package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.cut;
import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The maintenance runs and their results in the state database. Every failure is a {@link StateException}. */
public final class MaintenanceHistory {
  static final int MAX_DETAILS = 200_000;
  private final Jdbc jdbc;

  MaintenanceHistory(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Stores a finished run and its results; returns the run's number. */
  public long save(MaintenanceRecord run) {
    long id = begin(run.server(), run.started(), run.dryRun(), true);
    finish(id, run.finished(), run.results());
    return id;
  }

  /**
   * Stores the start of a run (not finished yet: while it lasts, the monitoring counts the
   * server's failed rounds as planned when it {@code disrupts}); returns its number.
   *
   * @param disrupts whether it may restart services or reboot (upgrades, purge)
   */
  public long begin(String server, Instant started, boolean dryRun, boolean disrupts) {
    return jdbc.transaction("storing the maintenance start of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO maintenance_run (server, started, finished, dry_run,"
          + " disrupts) VALUES (?, ?, NULL, ?, ?)", new String[] {"id"})) {
        s.setString(1, server);
        s.setObject(2, time(started));
        s.setBoolean(3, dryRun);
        s.setBoolean(4, disrupts);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /** Stores the end of run {@code id} and its results, in one transaction. */
  public void finish(long id, Instant finished, List<MaintenanceRecord.Result> results) {
    jdbc.transaction("storing the maintenance results of run " + id, c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE maintenance_run SET finished = ? WHERE id = ?")) {
        s.setObject(1, time(finished));
        s.setLong(2, id);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO maintenance_result (run_id, operation, verdict,"
          + " reason, details) VALUES (?, ?, ?, ?, ?)")) {
        for (MaintenanceRecord.Result r : results) {
          s.setLong(1, id);
          s.setString(2, r.operation());
          s.setString(3, r.verdict());
          s.setString(4, cut(r.reason(), 4000));
          s.setString(5, r.details().length() > MAX_DETAILS ? "{\"cut\":true}" : r.details());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  /**
   * Whether a maintenance run of {@code server} that may disturb it (not a dry run, and one that
   * upgrades or purges) was going on at {@code at}: started
   * at or before it and not finished, or finished less than {@code settle} before it (services
   * coming back after a reboot).
   */
  public boolean underMaintenance(String server, Instant at, java.time.Duration settle) {
    return jdbc.query("reading the maintenance of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM maintenance_run WHERE server = ? AND dry_run = FALSE"
          + " AND disrupts = TRUE AND started <= ? AND (finished IS NULL OR finished >= ?)")) {
        s.setString(1, server);
        s.setObject(2, time(at));
        s.setObject(3, time(at.minus(settle)));
        s.setMaxRows(1);
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  /** The runs (of {@code server}, or all when null) that started in [{@code from}, {@code to}), oldest first. */
  public List<MaintenanceRecord> runs(String server, Instant from, Instant to) {
    return jdbc.query("reading the maintenance runs", c -> {
      try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS
          + " WHERE started >= ? AND started < ? AND finished IS NOT NULL" + (server == null ? "" : " AND server = ?")
          + " ORDER BY started, id")) {
        s.setObject(1, time(from));
        s.setObject(2, time(to));
        if (server != null) {
          s.setString(3, server);
        }
        return withResults(c, s);
      }
    });
  }

  /** The last run of {@code server} that was not a dry run, if any. */
  public Optional<MaintenanceRecord> last(String server) {
    return jdbc.query("reading the last maintenance of " + server, c -> {
      try (PreparedStatement s = c.prepareStatement(RUN_COLUMNS + " WHERE server = ? AND dry_run = FALSE"
          + " AND finished IS NOT NULL ORDER BY started DESC, id DESC")) {
        s.setString(1, server);
        s.setMaxRows(1);
        return withResults(c, s).stream().findFirst();
      }
    });
  }

  /**
   * The last run of each server that was not a dry run, by server, with its results: {@link #last}
   * of every server in one query, not two a server (the dashboard's fleet page, every few seconds).
   */
  public Map<String, MaintenanceRecord> lastOfEach() {
    return jdbc.query("reading the last maintenance of each server", c -> {
      Map<String, MaintenanceRecord> runs = new HashMap<>();
      Map<String, List<MaintenanceRecord.Result>> results = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement("SELECT l.id, l.server, l.started, l.finished, l.dry_run,"
          + " r.operation, r.verdict, r.reason, r.details FROM (SELECT id, server, started, finished, dry_run,"
          + " ROW_NUMBER() OVER (PARTITION BY server ORDER BY started DESC, id DESC) AS newest FROM maintenance_run"
          + " WHERE dry_run = FALSE AND finished IS NOT NULL) l LEFT JOIN maintenance_result r ON r.run_id = l.id"
          + " WHERE l.newest = 1");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String server = r.getString(2);
          if (!runs.containsKey(server)) {
            runs.put(server, new MaintenanceRecord(r.getLong(1), server, instant(r, 3), instant(r, 4), r.getBoolean(5),
                List.of()));
          }
          List<MaintenanceRecord.Result> found = results.computeIfAbsent(server, k -> new ArrayList<>());
          if (r.getString(6) != null) { // a run without results has one row, of nulls
            found.add(new MaintenanceRecord.Result(r.getString(6), r.getString(7), r.getString(8), r.getString(9)));
          }
        }
      }
      Map<String, MaintenanceRecord> last = new HashMap<>();
      runs.forEach((server, run) -> last.put(server, new MaintenanceRecord(run.id(), server, run.started(),
          run.finished(), run.dryRun(), results.get(server))));
      return last;
    });
  }

  private static final String RUN_COLUMNS = "SELECT id, server, started, finished, dry_run FROM maintenance_run";

  /** The runs {@code runs} selects ({@link #RUN_COLUMNS}), each with its results. */
  private static List<MaintenanceRecord> withResults(Connection c, PreparedStatement runs) throws SQLException {
    List<MaintenanceRecord> found = new ArrayList<>();
    try (ResultSet r = runs.executeQuery()) {
      while (r.next()) {
        found.add(new MaintenanceRecord(r.getLong(1), r.getString(2), instant(r, 3), instant(r, 4), r.getBoolean(5),
            List.of()));
      }
    }
    List<MaintenanceRecord> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT operation, verdict, reason, details FROM maintenance_result"
        + " WHERE run_id = ?")) {
      for (MaintenanceRecord run : found) {
        s.setLong(1, run.id());
        List<MaintenanceRecord.Result> results = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            results.add(new MaintenanceRecord.Result(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
          }
        }
        out.add(new MaintenanceRecord(run.id(), run.server(), run.started(), run.finished(), run.dryRun(), results));
      }
    }
    return out;
  }

  /** Deletes the runs that started before {@code before}; returns how many. */
  public int prune(Instant before) {
    return jdbc.transaction("pruning the maintenance history", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM maintenance_result WHERE run_id IN"
          + " (SELECT id FROM maintenance_run WHERE started < ?)")) {
        s.setObject(1, time(before));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM maintenance_run WHERE started < ?")) {
        s.setObject(1, time(before));
        return s.executeUpdate();
      }
    });
  }
}
