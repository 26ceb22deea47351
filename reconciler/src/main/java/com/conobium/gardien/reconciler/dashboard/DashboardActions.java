package com.conobium.gardien.reconciler.dashboard;

/**
 * What an operator may ask of the daemon from the dashboard. Each returns what came of it, in a
 * line, for the operator and the audit record.
 */
public interface DashboardActions {
  /** Runs the server's reconcile now. */
  String reconcile(String server);

  /** Makes (again) the server's report of the month so far and keeps it with the others; not mailed. */
  String report(String server);
}
