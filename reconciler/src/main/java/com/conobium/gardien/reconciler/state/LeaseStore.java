package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.now;
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
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The replicas' heartbeats and the servers' leases in the shared state database. Every time is the
 * database's own ({@code CURRENT_TIMESTAMP}, read in the same transaction), so replicas on machines
 * whose clocks differ agree on who holds what. Every failure is a {@link StateException}.
 */
public final class LeaseStore {
  private final Jdbc jdbc;

  LeaseStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Records that {@code replica} is alive now; returns the database's time. */
  public Instant heartbeat(String replica) {
    return jdbc.transaction("the heartbeat of replica " + replica, c -> {
      Instant now = now(c);
      try (PreparedStatement s = c.prepareStatement("UPDATE replica SET heartbeat = ? WHERE id = ?")) {
        s.setObject(1, time(now));
        s.setString(2, replica);
        if (s.executeUpdate() == 0) {
          try (PreparedStatement i = c.prepareStatement(
              "INSERT INTO replica (id, started, heartbeat) VALUES (?, ?, ?)")) {
            i.setString(1, replica);
            i.setObject(2, time(now));
            i.setObject(3, time(now));
            i.executeUpdate();
          }
        }
      }
      return now;
    });
  }

  /** The replicas whose last heartbeat is less than {@code within} old, by id. */
  public List<String> live(Duration within) {
    return jdbc.query("reading the live replicas", c -> {
      Instant now = now(c);
      try (PreparedStatement s = c.prepareStatement("SELECT id FROM replica WHERE heartbeat > ? ORDER BY id")) {
        s.setObject(1, time(now.minus(within)));
        try (ResultSet r = s.executeQuery()) {
          List<String> ids = new ArrayList<>();
          while (r.next()) {
            ids.add(r.getString(1));
          }
          return ids;
        }
      }
    });
  }

  /**
   * Takes (or keeps) {@code server}'s lease for {@code replica} for {@code ttl}: free, expired or
   * already its own. Returns its epoch, or empty when another replica holds it.
   */
  public OptionalLong acquire(String server, String replica, Duration ttl) {
    Long epoch = acquireAll(List.of(server), replica, ttl).get(server);
    return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
  }

  /**
   * {@link #acquire} for many servers in one statement (a replica taking over a dead one's
   * thousands): each free, expired or already its own lease is taken for {@code ttl}; returns those
   * taken, server to epoch (a lease another replica holds is left out). PostgreSQL only, as leases
   * are.
   */
  public Map<String, Long> acquireAll(List<String> servers, String replica, Duration ttl) {
    if (servers.isEmpty()) {
      return Map.of();
    }
    return jdbc.transaction("taking " + servers.size() + " leases", c -> {
      Instant now = now(c);
      Map<String, Long> taken = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO server_lease AS l (server, owner, epoch, expires)"
              + " SELECT s, ?, 1, ? FROM unnest(?::varchar[]) AS s"
              + " ON CONFLICT (server) DO UPDATE SET owner = EXCLUDED.owner, expires = EXCLUDED.expires,"
              + " epoch = CASE WHEN l.owner = EXCLUDED.owner AND l.expires > ? THEN l.epoch ELSE l.epoch + 1 END"
              + " WHERE l.owner = EXCLUDED.owner OR l.expires <= ?"
              + " RETURNING server, epoch")) {
        s.setString(1, replica);
        s.setObject(2, time(now.plus(ttl)));
        s.setArray(3, c.createArrayOf("varchar", servers.toArray()));
        s.setObject(4, time(now));
        s.setObject(5, time(now));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            taken.put(r.getString(1), r.getLong(2));
          }
        }
      }
      return taken;
    });
  }

  /** Extends every unexpired lease of {@code replica} by {@code ttl}; returns them, server to epoch. */
  public Map<String, Long> renew(String replica, Duration ttl) {
    return jdbc.transaction("renewing the leases of replica " + replica, c -> {
      Instant now = now(c);
      setEndOfLiveLeases(c, replica, now, now.plus(ttl));
      Map<String, Long> held = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT server, epoch FROM server_lease WHERE owner = ? AND expires > ?")) {
        s.setString(1, replica);
        s.setObject(2, time(now));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            held.put(r.getString(1), r.getLong(2));
          }
        }
      }
      return held;
    });
  }

  /** Lets {@code server} go at once, if {@code replica} holds it (another may take it next). */
  public void release(String server, String replica) {
    jdbc.transaction("releasing the lease of " + server, c -> {
      Instant now = now(c);
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE server_lease SET expires = ? WHERE server = ? AND owner = ? AND expires > ?")) {
        s.setObject(1, time(now));
        s.setString(2, server);
        s.setString(3, replica);
        s.setObject(4, time(now));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** A replica that stops: its leases end at once and it is no longer counted as alive. */
  public void leave(String replica) {
    jdbc.transaction("the departure of replica " + replica, c -> {
      Instant now = now(c);
      setEndOfLiveLeases(c, replica, now, now);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM replica WHERE id = ?")) {
        s.setString(1, replica);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** Every lease, by server. */
  public List<Lease> leases() {
    return jdbc.query("reading the leases", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT server, owner, epoch, expires FROM server_lease ORDER BY server");
          ResultSet r = s.executeQuery()) {
        List<Lease> list = new ArrayList<>();
        while (r.next()) {
          list.add(new Lease(r.getString(1), r.getString(2), r.getLong(3), instant(r, 4)));
        }
        return list;
      }
    });
  }

  /**
   * Whether {@code replica} still holds {@code server}'s lease of {@code epoch} now: the fence a
   * write checks, in its own transaction, before it is made.
   */
  static boolean holds(Connection c, String server, String replica, long epoch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT expires FROM server_lease"
        + " WHERE server = ? AND owner = ? AND epoch = ? FOR UPDATE")) {
      s.setString(1, server);
      s.setString(2, replica);
      s.setLong(3, epoch);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && instant(r, 1).isAfter(now(c));
      }
    }
  }

  /** Sets the end of every lease {@code replica} holds at {@code now} to {@code expires} (now: let go). */
  private static void setEndOfLiveLeases(Connection c, String replica, Instant now, Instant expires) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE server_lease SET expires = ? WHERE owner = ? AND expires > ?")) {
      s.setObject(1, time(expires));
      s.setString(2, replica);
      s.setObject(3, time(now));
      s.executeUpdate();
    }
  }
}
