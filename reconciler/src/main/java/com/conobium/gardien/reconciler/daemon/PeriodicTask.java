package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import java.util.Optional;

/**
 * A kind of work the daemon runs for each server at its own interval, beside the reconciles and
 * independently of them: the availability checks of the monitoring, later the maintenance and the
 * reports. The daemon never runs two runs of one kind for one server at once, spreads the first
 * runs of a fleet over the interval ({@link TaskSchedule}), and keeps each kind's runs on workers
 * of its own, so that a long reconcile never delays a check, nor a maintenance run a check.
 */
public interface PeriodicTask {
  /** The task's kind, e.g. {@code check}: names its runs in logs. */
  String kind();

  /** When it runs for {@code server}; empty when it does not run for that server. Pure and cheap: asked at every tick. */
  Optional<TaskTiming> timing(Server server, FleetSpec fleet);

  /**
   * How many of its runs may go at once, over all servers, on workers of its own (so that one
   * kind's long runs never hold up another kind's).
   */
  default int workers() {
    return 32;
  }

  /**
   * One run for {@code server}. The server's own failures (unreachable, a failed check) are the
   * task's to report; an exception is logged as a failure of Gardien's.
   */
  void run(Server server, FleetSpec fleet);

  /**
   * Called once when the daemon stops, after the last run it waits for ended: keep what must be
   * kept. A task whose runs are {@link #leftBehindOnStop() left behind} drops what a run still
   * going finds after this.
   */
  default void close() {}

  /**
   * Whether a run still going when the daemon stops may be left behind: the daemon then stops
   * without waiting for it. True for work that changes nothing and whose result is worth nothing
   * once the daemon stops (the monitoring's checks: one of a silent server waits for its timeout);
   * false, the default, for work the daemon waits for up to its grace (maintenance, reports).
   */
  default boolean leftBehindOnStop() {
    return false;
  }

  /**
   * Another replica owns {@code server} now ({@code gardien run --lease}): store what must be kept
   * of it and forget the rest, so that a later return starts from the database, not from memory.
   */
  default void release(String server) {}
}
