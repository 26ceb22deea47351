package com.conobium.gardien.reconciler.maintenance;

/**
 * A maintenance operation that runs a script on the server and judges its output: the script is
 * its only contact with the server, so that judging is pure and unit-tested on captured outputs
 * (the way a module's facts are). Read-only operations' scripts run together in one exec.
 */
interface RemoteOperation {
  /** The operation's name in the manifest, e.g. {@code raid}. */
  String name();

  /** Whether it changes the server (upgrades, purge); such operations run alone, first. */
  default boolean changes() {
    return false;
  }

  /** The POSIX shell script it runs as root; prints {@code ::gardien:: SECTION} markers. */
  String script(MaintenanceContext context);

  /** What the output means. Pure. */
  OperationResult judge(String output, MaintenanceContext context);
}
