package com.conobium.gardien.reconciler.dashboard;

/**
 * What an operator may ask of the daemon from the dashboard. Each returns what came of it, in a
 * line, for the operator and the audit record; none blocks for long (a maintenance operation runs
 * in the background and its result joins the server's maintenance runs).
 */
public interface DashboardActions {
  /** Runs the server's reconcile now. */
  String reconcile(String server);

  /** Makes (again) the server's report of the month so far and keeps it with the others; not mailed. */
  String report(String server);

  /** Starts one of the server's maintenance operations now, outside its window. */
  String maintain(String server, String operation);

  /**
   * Mails the customer ({@code customer.email}) a new one-time link to the server's credentials;
   * older unopened links stop working.
   */
  String shareCredentials(String server);
}
