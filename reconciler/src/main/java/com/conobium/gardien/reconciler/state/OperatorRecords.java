package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.cut;
import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The dashboard's records in the state database: its operators, what they did, and the revisions
 * the daemon saw. Every failure is a {@link StateException}.
 */
public final class OperatorRecords {
  private final Jdbc jdbc;

  OperatorRecords(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Adds an operator, or replaces the password hash of one of that name. */
  public void saveAccount(OperatorAccount account) {
    jdbc.transaction("storing operator " + account.name(), c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM operator_account WHERE name = ?")) {
        s.setString(1, account.name());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO operator_account (name, password_hash, created) VALUES (?, ?, ?)")) {
        s.setString(1, account.name());
        s.setString(2, account.passwordHash());
        s.setObject(3, time(account.created()));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The operator of that name, if any. */
  public Optional<OperatorAccount> account(String name) {
    return jdbc.query("reading operator " + name, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT name, password_hash, created FROM operator_account WHERE name = ?")) {
        s.setString(1, name);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(new OperatorAccount(r.getString(1), r.getString(2), instant(r, 3)))
              : Optional.<OperatorAccount>empty();
        }
      }
    });
  }

  /** Every operator, by name. */
  public List<OperatorAccount> accounts() {
    return jdbc.query("reading the operators", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT name, password_hash, created FROM operator_account ORDER BY name");
          ResultSet r = s.executeQuery()) {
        List<OperatorAccount> list = new ArrayList<>();
        while (r.next()) {
          list.add(new OperatorAccount(r.getString(1), r.getString(2), instant(r, 3)));
        }
        return list;
      }
    });
  }

  /** Removes an operator; false when there was none of that name. */
  public boolean removeAccount(String name) {
    return jdbc.transaction("removing operator " + name, c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM operator_account WHERE name = ?")) {
        s.setString(1, name);
        return s.executeUpdate() > 0;
      }
    });
  }

  /** Records what an operator did. */
  public void saveAction(OperatorAction action) {
    jdbc.transaction("recording an operator's action", c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO operator_action (at, operator, server, action, outcome) VALUES (?, ?, ?, ?, ?)")) {
        s.setObject(1, time(action.at()));
        s.setString(2, action.operator());
        s.setString(3, action.server());
        s.setString(4, action.action());
        s.setString(5, cut(action.outcome(), 1000));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The last {@code limit} actions on {@code server}, newest first. */
  public List<OperatorAction> actions(String server, int limit) {
    return jdbc.query("reading the operators' actions", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT at, operator, server, action, outcome FROM operator_action"
          + " WHERE server = ? ORDER BY at DESC, id DESC LIMIT ?")) {
        s.setString(1, server);
        s.setInt(2, limit);
        try (ResultSet r = s.executeQuery()) {
          List<OperatorAction> list = new ArrayList<>();
          while (r.next()) {
            list.add(new OperatorAction(instant(r, 1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5)));
          }
          return list;
        }
      }
    });
  }

  /** Records a revision the daemon saw. */
  public void saveRevision(SeenRevision revision) {
    jdbc.transaction("recording revision " + revision.revision(), c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO revision_seen (revision, committed, subject, seen,"
          + " verdict, problems) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, revision.revision());
        Jdbc.setTime(s, 2, revision.committed());
        s.setString(3, cut(revision.subject(), 1000));
        s.setObject(4, time(revision.seen()));
        s.setString(5, revision.verdict());
        s.setString(6, cut(revision.problems(), 4000));
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The last {@code limit} revisions seen, newest first. */
  public List<SeenRevision> revisions(int limit) {
    return jdbc.query("reading the revisions seen", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT revision, committed, subject, seen, verdict, problems"
          + " FROM revision_seen ORDER BY seen DESC, id DESC LIMIT ?")) {
        s.setInt(1, limit);
        try (ResultSet r = s.executeQuery()) {
          List<SeenRevision> list = new ArrayList<>();
          while (r.next()) {
            list.add(new SeenRevision(r.getString(1), instant(r, 2), r.getString(3), instant(r, 4), r.getString(5),
                r.getString(6)));
          }
          return list;
        }
      }
    });
  }
}
