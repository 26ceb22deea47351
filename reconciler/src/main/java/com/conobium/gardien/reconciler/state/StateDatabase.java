package com.conobium.gardien.reconciler.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gardien's own database, opened and brought to the newest schema: the versioned Flyway migrations
 * under {@code db/migration} run on H2 (embedded, the default) and on PostgreSQL (shared).
 */
public final class StateDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateDatabase.class);

  private final StateLocation location;
  private final DataSource dataSource;
  private final AutoCloseable pool;

  private StateDatabase(StateLocation location, DataSource dataSource, AutoCloseable pool) {
    this.location = location;
    this.dataSource = dataSource;
    this.pool = pool;
  }

  /**
   * Opens the database and applies the migrations it has not had yet.
   *
   * @throws StateException when it cannot be reached or migrated (the message names the URL, never
   *     the password)
   */
  public static StateDatabase open(StateLocation location) {
    StateDatabase db;
    if (location.isEmbedded()) {
      createDirectory(location);
      JdbcConnectionPool pool = JdbcConnectionPool.create(location.url(), location.user(), location.password());
      db = new StateDatabase(location, pool, pool::dispose);
    } else {
      HikariDataSource pool = pool(location);
      db = new StateDatabase(location, pool, pool::close);
    }
    try {
      db.check();
      db.migrate();
    } catch (StateException e) {
      db.close();
      throw e;
    }
    return db;
  }

  /**
   * A pool of connections to a PostgreSQL server: each one is authenticated once (SCRAM costs both
   * sides a few milliseconds of CPU), then reused by every query. Up to {@value #POOL_SIZE}, one
   * kept open while idle, so a short command opens one.
   */
  private static HikariDataSource pool(StateLocation location) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(location.url());
    ds.setUser(location.user());
    ds.setPassword(location.password());
    if (ds.getConnectTimeout() == 0) {
      ds.setConnectTimeout(10);
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(ds);
    config.setPoolName("gardien-state");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(java.time.Duration.ofSeconds(15).toMillis());
    try {
      return new HikariDataSource(config); // connects once now: a server it cannot reach fails here
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StateException("could not open the state database " + location + ": " + cause.getMessage(), e);
    }
  }

  /** The most connections a process keeps to a PostgreSQL state database. */
  static final int POOL_SIZE = 12;

  /** Where it is. */
  public StateLocation location() {
    return location;
  }

  /** Its connections, for code that has its own queries. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The records stored in it. */
  public StateRepository repository() {
    return new StateRepository(dataSource);
  }

  /** The monitoring's records stored in it. */
  public MonitorHistory monitorHistory() {
    return new MonitorHistory(dataSource);
  }

  /** The maintenance runs and results. */
  public MaintenanceHistory maintenanceHistory() {
    return new MaintenanceHistory(dataSource);
  }

  /** The dashboard's operators, their actions and the revisions the daemon saw. */
  public OperatorRecords operators() {
    return new OperatorRecords(dataSource);
  }

  /** The replicas' heartbeats and the servers' leases (several replicas on one PostgreSQL database). */
  public LeaseStore leases() {
    return new LeaseStore(dataSource);
  }

  /** The replicas' second looks at failing servers (two vantage points). */
  public SecondLookStore secondLooks() {
    return new SecondLookStore(dataSource);
  }

  /** The monthly reports the daemon made. */
  public ReportArchive reports() {
    return new ReportArchive(dataSource);
  }

  @Override
  public void close() {
    try {
      pool.close();
    } catch (Exception e) {
      log.warn("closing the state database {}: {}", location, e.getMessage());
    }
  }

  private void check() {
    try (Connection c = dataSource.getConnection()) {
      c.isValid(10);
    } catch (SQLException e) {
      throw new StateException("could not open the state database " + location + ": " + e.getMessage(), e);
    }
  }

  /**
   * The newest migration's version (the highest {@code V<n>__*.sql} under db/migration;
   * StateDatabaseTest keeps them equal). A database already there, with nothing failed, is not
   * handed to Flyway: its scan of the migrations and its validation cost a command about 0.2 s.
   */
  static final int SCHEMA_VERSION = 12;

  private void migrate() {
    if (upToDate()) {
      return;
    }
    try {
      var result = Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      if (result.migrationsExecuted > 0) {
        log.info("state database {}: schema migrated to version {}", location, result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new StateException("could not migrate the state database " + location + ": " + e.getMessage(), e);
    }
  }

  /** Whether Flyway's history says every migration up to {@link #SCHEMA_VERSION} succeeded. */
  private boolean upToDate() {
    try (Connection c = dataSource.getConnection();
        var s = c.createStatement();
        var r = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL")) {
      int newest = 0;
      while (r.next()) {
        if (!r.getBoolean(2)) {
          return false; // a failed migration: Flyway says what to do
        }
        newest = Math.max(newest, Integer.parseInt(r.getString(1)));
      }
      return newest == SCHEMA_VERSION;
    } catch (SQLException | NumberFormatException e) {
      return false; // a new database (no history yet), or one Flyway must look at
    }
  }

  private static void createDirectory(StateLocation location) {
    if (!location.url().startsWith("jdbc:h2:file:")) {
      return;
    }
    String path = location.url().substring("jdbc:h2:file:".length());
    int semicolon = path.indexOf(';');
    Path file = Path.of(semicolon < 0 ? path : path.substring(0, semicolon));
    Path dir = file.toAbsolutePath().getParent();
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.getParent());
        // only Gardien reads its state: the embedded database has no password
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException e) {
      throw new StateException("could not create the state directory " + file.getParent() + ": " + e, e);
    }
  }
}
