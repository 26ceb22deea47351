package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The state database of one {@code gardien} command: {@code $GARDIEN_STATE_URL}'s, else the
 * embedded one in {@code $GARDIEN_HOME/state}. Opened (and migrated) on first use only, so a
 * command that needs no state never touches it; closed when the command ends ({@link Main}). A
 * command naming a database of its own ({@code run --state-url}) gets it here too, opened once.
 */
final class StateAccess implements AutoCloseable {
  private final StateLocation location;
  private final Path embeddedDir;
  private final IllegalArgumentException refused;
  private final Timings timings;
  private StateDatabase database;
  /** Why the database could not be opened, once it was tried (ahead of its first use, or at it). */
  private StateException failure;
  private boolean closed;
  /** Databases other than this one that the command named ({@code run --state-url}), by location. */
  private final Map<StateLocation, StateDatabase> others = new HashMap<>();

  private StateAccess(StateLocation location, Path embeddedDir, IllegalArgumentException refused, Timings timings) {
    this.location = location;
    this.embeddedDir = embeddedDir;
    this.refused = refused;
    this.timings = timings;
  }

  /** The database the environment names, or the embedded one in {@code home}. */
  static StateAccess of(Path home, Map<String, String> env) {
    return of(home, env, Timings.off());
  }

  /** As {@link #of(Path, Map)}, timing the opening of the database in {@code timings}. */
  static StateAccess of(Path home, Map<String, String> env, Timings timings) {
    Path embeddedDir = StateLocation.embeddedDirectory(home);
    try {
      return new StateAccess(StateLocation.resolve(null, embeddedDir, env), embeddedDir, null, timings);
    } catch (IllegalArgumentException e) {
      return new StateAccess(null, embeddedDir, e, timings);
    }
  }

  /**
   * Begins opening the database on a thread of its own, for a command that will need it while it
   * does other work first (reading the repository, connecting): the opening (about 130 ms in a cold
   * JVM) then runs while the command's thread waits for the schemas or the server. Only a database
   * that exists is opened ahead (one that would be created is left to the first use, so a command
   * that fails before it creates nothing); a failure here is reported by the first use.
   *
   * @return whether it began opening
   */
  boolean openAhead() {
    boolean exists = location != null && (location.equals(StateLocation.embedded(embeddedDir))
        ? Files.exists(embeddedDir.resolve(StateLocation.EMBEDDED_FILE))
        : !location.isEmbedded()); // a database server's, which opening does not create
    if (!exists) {
      return false;
    }
    Thread opening = new Thread(() -> {
      try {
        repository();
      } catch (RuntimeException e) {
        // kept: the command's first use reports it
      }
    }, "gardien-state-open");
    opening.setDaemon(true);
    opening.start();
    return true;
  }

  /**
   * Its records, opening it first if need be.
   *
   * @throws StateException when {@code $GARDIEN_STATE_URL} is wrong or the database cannot be opened
   */
  synchronized StateRepository repository() {
    return database().repository();
  }

  /**
   * The monitoring's records, opening the database first if need be.
   *
   * @throws StateException when {@code $GARDIEN_STATE_URL} is wrong or the database cannot be opened
   */
  synchronized MonitorHistory monitorHistory() {
    return database().monitorHistory();
  }

  /**
   * The records of the database at {@code location}: this one's when it is the same, else that
   * database, opened on first use and closed with this one.
   *
   * @throws StateException when it cannot be opened
   */
  synchronized StateRepository repository(StateLocation location) {
    return database(location).repository();
  }

  /** The monitoring's records of the database at {@code location}, as {@link #repository(StateLocation)}. */
  synchronized MonitorHistory monitorHistory(StateLocation location) {
    return database(location).monitorHistory();
  }

  synchronized com.conobium.gardien.reconciler.state.MaintenanceHistory maintenanceHistory() {
    return database().maintenanceHistory();
  }

  synchronized com.conobium.gardien.reconciler.state.ReportArchive reports() {
    return database().reports();
  }

  synchronized com.conobium.gardien.reconciler.state.ReportArchive reports(StateLocation location) {
    return database(location).reports();
  }

  synchronized com.conobium.gardien.reconciler.state.MaintenanceHistory maintenanceHistory(StateLocation location) {
    return database(location).maintenanceHistory();
  }

  synchronized com.conobium.gardien.reconciler.state.OperatorRecords operators() {
    return database().operators();
  }

  synchronized com.conobium.gardien.reconciler.state.OperatorRecords operators(StateLocation location) {
    return database(location).operators();
  }

  synchronized com.conobium.gardien.reconciler.state.LeaseStore leases(StateLocation location) {
    return database(location).leases();
  }

  synchronized com.conobium.gardien.reconciler.state.SecondLookStore secondLooks(StateLocation location) {
    return database(location).secondLooks();
  }

  private StateDatabase database() {
    if (refused != null) {
      throw new StateException("$" + StateLocation.URL_ENV + ": " + refused.getMessage(), refused);
    }
    if (closed) {
      throw new StateException("the state database was closed: the command has ended", null);
    }
    if (failure != null) {
      throw failure; // opening it again would wait as long again (an unreachable server: its timeout)
    }
    if (database == null) {
      try {
        database = timings.time("state database open (and migration check)", () -> StateDatabase.open(location));
      } catch (StateException e) {
        failure = e;
        throw e;
      }
    }
    return database;
  }

  private StateDatabase database(StateLocation location) {
    if (location.equals(this.location)) {
      return database();
    }
    return others.computeIfAbsent(location, StateDatabase::open);
  }

  /** How the database is named in messages (never with its password). */
  String where() {
    return refused != null ? "$" + StateLocation.URL_ENV : location.toString();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (database != null) {
      database.close();
      database = null;
    }
    others.values().forEach(StateDatabase::close);
    others.clear();
  }
}
