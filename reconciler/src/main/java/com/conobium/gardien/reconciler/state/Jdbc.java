package com.conobium.gardien.reconciler.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * The plain-JDBC plumbing the state database's repositories share: work on one connection or in
 * one transaction, every {@link SQLException} turned into a {@link StateException} that says what
 * was being done; times stored to the millisecond in UTC; long texts cut.
 */
final class Jdbc {
  /** Work done on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> T query(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.on(c);
    } catch (SQLException e) {
      throw new StateException("state database: " + what + ": " + e.getMessage(), e);
    }
  }

  <T> T transaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.on(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StateException("state database: " + what + ": " + e.getMessage(), e);
    }
  }

  static OffsetDateTime time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }

  static void setTime(PreparedStatement s, int index, Instant instant) throws SQLException {
    if (instant == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, time(instant));
    }
  }

  static Instant instant(ResultSet r, int column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** The database's own time, which every replica sharing it agrees on. */
  static Instant now(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP"); ResultSet r = s.executeQuery()) {
      r.next();
      return instant(r, 1);
    }
  }

  /** {@code text} cut to {@code max} characters, ending with an ellipsis when it was longer. */
  static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
