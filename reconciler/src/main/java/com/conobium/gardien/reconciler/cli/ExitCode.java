package com.conobium.gardien.reconciler.cli;

/**
 * Process exit statuses of the {@code gardien} command; documented in {@code docs/cli.md}. When
 * several apply to a reconcile, a failure wins, then drift, then a failed check.
 */
public final class ExitCode {
  /** Valid; nothing to change (plan) or converged (apply). */
  public static final int OK = 0;
  /** Gardien itself failed unexpectedly. */
  public static final int INTERNAL_ERROR = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;
  /** The config repository is invalid; nothing was sent to any server. */
  public static final int INVALID_CONFIG = 3;
  /** {@code plan}: at least one server differs from its manifest (whatever its checks say). */
  public static final int DRIFT = 4;
  /** A check (e.g. a prerequisite) failed; no server differs from its manifest, none failed. */
  public static final int FAILED_CHECKS = 5;
  /** A server was unreachable, its facts unreadable, or a change failed. */
  public static final int FAILURE = 6;

  private ExitCode() {}
}
