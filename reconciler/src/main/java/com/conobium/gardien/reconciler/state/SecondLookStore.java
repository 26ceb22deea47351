package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.cut;
import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.now;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The replicas' second looks at failing servers, in the shared state database: the owner of a
 * failing server asks ({@link #ask}), the others look and record what they saw ({@link #record}),
 * the owner reads their looks before it opens an incident ({@link #looks}). Every time is the
 * database's. Every failure is a {@link StateException}.
 */
public final class SecondLookStore {
  /** A standing request: {@code server} fails for {@code askedBy} since {@code asked}, still at {@code renewed}. */
  public record Request(String server, String askedBy, Instant asked, Instant renewed) {}

  /** One replica's latest look at a server. */
  public record Look(String replica, Instant looked, boolean failed, String failedChecks) {}

  /** The requests standing at {@code now} (the database's time). */
  public record Requests(Instant now, List<Request> requests) {}

  /** What the others saw of a server, and its request (empty when none stands), at {@code now}. */
  public record Looks(Instant now, Optional<Request> request, List<Look> looks) {}

  private final Jdbc jdbc;

  SecondLookStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Asks the others to look at {@code server}: a new request when none stands (or another replica's
   * was left, by an owner before this one), else the standing one renewed. Returns the request.
   */
  public Request ask(String server, String replica) {
    return jdbc.transaction("asking for a second look at " + server, c -> {
      Instant now = now(c).truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as it is stored
      Optional<Request> standing = request(c, server, true);
      if (standing.isPresent() && standing.get().askedBy().equals(replica)) {
        try (PreparedStatement s = c.prepareStatement("UPDATE second_look_request SET renewed = ? WHERE server = ?")) {
          s.setObject(1, time(now));
          s.setString(2, server);
          s.executeUpdate();
        }
        return new Request(server, replica, standing.get().asked(), now);
      }
      if (standing.isPresent()) {
        delete(c, server);
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO second_look_request (server, asked_by, asked, renewed) VALUES (?, ?, ?, ?)")) {
        s.setString(1, server);
        s.setString(2, replica);
        s.setObject(3, time(now));
        s.setObject(4, time(now));
        s.executeUpdate();
      }
      return new Request(server, replica, now, now);
    });
  }

  /** {@code server} answers again (or its incident opened): no more looks are asked for. */
  public void withdraw(String server) {
    jdbc.transaction("withdrawing the second look at " + server, c -> {
      delete(c, server);
      return null;
    });
  }

  /** Every standing request. */
  public Requests requests() {
    return jdbc.query("reading the requests for second looks", c -> {
      Instant now = now(c);
      List<Request> list = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT server, asked_by, asked, renewed FROM second_look_request ORDER BY server");
          ResultSet r = s.executeQuery()) {
        while (r.next()) {
          list.add(new Request(r.getString(1), r.getString(2), instant(r, 3), instant(r, 4)));
        }
      }
      return new Requests(now, list);
    });
  }

  /** Records what {@code replica} saw of {@code server} just now (its latest look replaces the one before). */
  public void record(String server, String replica, boolean failed, String failedChecks) {
    jdbc.transaction("recording a second look at " + server, c -> {
      Instant now = now(c);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM second_look WHERE server = ? AND replica = ?")) {
        s.setString(1, server);
        s.setString(2, replica);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO second_look (server, replica, looked, failed, failed_checks) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, server);
        s.setString(2, replica);
        s.setObject(3, time(now));
        s.setBoolean(4, failed);
        s.setString(5, cut(failedChecks, 1000));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** Every replica's latest look at {@code server}, and its standing request. */
  public Looks looks(String server) {
    return jdbc.query("reading the second looks at " + server, c -> {
      Instant now = now(c);
      List<Look> list = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT replica, looked, failed, failed_checks FROM second_look WHERE server = ? ORDER BY replica")) {
        s.setString(1, server);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            list.add(new Look(r.getString(1), instant(r, 2), r.getBoolean(3), r.getString(4)));
          }
        }
      }
      return new Looks(now, request(c, server, false), list);
    });
  }

  private static Optional<Request> request(Connection c, String server, boolean forUpdate) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT asked_by, asked, renewed FROM second_look_request"
        + " WHERE server = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      s.setString(1, server);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new Request(server, r.getString(1), instant(r, 2), instant(r, 3)))
            : Optional.empty();
      }
    }
  }

  private static void delete(Connection c, String server) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM second_look_request WHERE server = ?")) {
      s.setString(1, server);
      s.executeUpdate();
    }
  }
}
