package com.conobium.gardien.reconciler.state;

import static com.conobium.gardien.reconciler.state.Jdbc.cut;
import static com.conobium.gardien.reconciler.state.Jdbc.instant;
import static com.conobium.gardien.reconciler.state.Jdbc.time;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The monthly reports in the state database, PDFs included. Every failure is a {@link StateException}. */
public final class ReportArchive {
  private final Jdbc jdbc;

  ReportArchive(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Stores a report, replacing one of the same server, month and language; returns its number. */
  public long save(String server, String month, String language, Instant generated, byte[] pdf) {
    return jdbc.transaction("storing the report of " + server + " for " + month, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM monthly_report WHERE server = ? AND report_month = ? AND language = ?")) {
        s.setString(1, server);
        s.setString(2, month);
        s.setString(3, language);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO monthly_report (server, report_month, language,"
          + " generated, pdf) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
        s.setString(1, server);
        s.setString(2, month);
        s.setString(3, language);
        s.setObject(4, time(generated));
        s.setBytes(5, pdf);
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  /** Records that report {@code id} was mailed at {@code at}, or why it was not ({@code error}). */
  public void delivery(long id, Instant at, String error) {
    jdbc.transaction("recording the delivery of report " + id, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE monthly_report SET delivered = ?, delivery_error = ? WHERE id = ?")) {
        Jdbc.setTime(s, 1, error == null ? at : null);
        s.setString(2, cut(error, 1000));
        s.setLong(3, id);
        s.executeUpdate();
      }
      return null;
    });
  }

  /** The reports (of {@code server}, or all when null), newest month first. */
  public List<ReportRecord> list(String server) {
    return jdbc.query("reading the reports", c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT id, server, report_month, language, generated,"
          + " OCTET_LENGTH(pdf), delivered, delivery_error FROM monthly_report"
          + (server == null ? "" : " WHERE server = ?") + " ORDER BY report_month DESC, server, language")) {
        if (server != null) {
          s.setString(1, server);
        }
        try (ResultSet r = s.executeQuery()) {
          List<ReportRecord> list = new ArrayList<>();
          while (r.next()) {
            list.add(new ReportRecord(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), instant(r, 5),
                r.getInt(6), instant(r, 7), r.getString(8)));
          }
          return list;
        }
      }
    });
  }

  /** The one report of {@code server}, {@code month} and {@code language}, if made. */
  public Optional<ReportRecord> find(String server, String month, String language) {
    return list(server).stream().filter(r -> r.month().equals(month) && r.language().equals(language)).findFirst();
  }

  /** The PDF of report {@code id}. */
  public Optional<byte[]> pdf(long id) {
    return jdbc.query("reading report " + id, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT pdf FROM monthly_report WHERE id = ?")) {
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
        }
      }
    });
  }

  /** Deletes the reports made before {@code before}; returns how many. */
  public int prune(Instant before) {
    return jdbc.transaction("pruning the reports", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM monthly_report WHERE generated < ?")) {
        s.setObject(1, time(before));
        return s.executeUpdate();
      }
    });
  }
}
