package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import java.time.Duration;
import java.util.Optional;

/**
 * A kind of work the daemon runs for each server at its own interval, beside the reconciles and
 * independently of them: the availability checks of the monitoring, later the maintenance and the
 * reports. The daemon never runs two runs of one kind for one server at once, spreads the first
 * runs of a fleet over the interval ({@link TaskSchedule}), and keeps these runs on their own
 * workers, so that a long reconcile never delays a check.
 */
public interface PeriodicTask {
  /** The task's kind, e.g. {@code check}: names its runs in logs. */
  String kind();

  /** How often it runs for {@code server}; empty when it does not run for that server. Pure. */
  Optional<Duration> interval(Server server, FleetSpec fleet);

  /**
   * One run for {@code server}. The server's own failures (unreachable, a failed check) are the
   * task's to report; an exception is logged as a failure of Gardien's.
   */
  void run(Server server, FleetSpec fleet);

  /** Called once when the daemon stops, after the last run ended: keep what must be kept. */
  default void close() {}
}
