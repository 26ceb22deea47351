package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
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
  private final IllegalArgumentException refused;
  private final Timings timings;
  private StateDatabase database;
  /** Databases other than this one that the command named ({@code run --state-url}), by location. */
  private final Map<StateLocation, StateDatabase> others = new HashMap<>();

  private StateAccess(StateLocation location, IllegalArgumentException refused, Timings timings) {
    this.location = location;
    this.refused = refused;
    this.timings = timings;
  }

  /** The database the environment names, or the embedded one in {@code home}. */
  static StateAccess of(Path home, Map<String, String> env) {
    return of(home, env, Timings.off());
  }

  /** As {@link #of(Path, Map)}, timing the opening of the database in {@code timings}. */
  static StateAccess of(Path home, Map<String, String> env, Timings timings) {
    try {
      return new StateAccess(StateLocation.resolve(null, StateLocation.embeddedDirectory(home), env), null, timings);
    } catch (IllegalArgumentException e) {
      return new StateAccess(null, e, timings);
    }
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
    if (database == null) {
      database = timings.time("state database open (and migration check)", () -> StateDatabase.open(location));
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
    if (database != null) {
      database.close();
      database = null;
    }
    others.values().forEach(StateDatabase::close);
    others.clear();
  }
}
