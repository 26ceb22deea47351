package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * What is stored of one server between runs: enough for a restarted daemon to decide who runs.
 *
 * @param server its name
 * @param specHash the SHA-256 (hex) of the desired state of its last run
 * @param mode {@code apply} or {@code detect}
 * @param lastResult the result of its last run, as in {@code gardien_reconcile_runs_total}
 * @param lastFailed whether that run failed
 * @param lastStart when its last run started
 * @param lastSuccess when a run last ended without failure; null if never
 * @param consecutiveFailures how many runs in a row failed (0 after a success)
 * @param revision the config repository revision of its last run; null if unknown
 */
public record ServerRecord(String server, String specHash, String mode, String lastResult, boolean lastFailed,
    Instant lastStart, Instant lastSuccess, int consecutiveFailures, String revision) {}
