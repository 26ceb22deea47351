package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * What an operator did through the dashboard, kept for the server's page and the audit.
 *
 * @param operator who did it
 * @param action what, e.g. {@code reconcile}
 * @param outcome what came of it, in a line
 */
public record OperatorAction(Instant at, String operator, String server, String action, String outcome) {}
