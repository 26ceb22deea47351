package com.conobium.gardien.reconciler.daemon;

import java.time.Instant;

/**
 * What the daemon remembers of one server between runs, in memory and in the state database
 * (so a restarted daemon carries on where it was).
 *
 * @param key the desired state of its last run
 * @param lastStart when its last run started
 * @param lastFailed whether that run failed (unreachable, a failed change or unreadable facts)
 * @param lastSuccess when a run last ended without failure; null if never
 * @param mode the mode of its last run
 * @param lastResult the result of its last run, as in {@code gardien_reconcile_runs_total}
 * @param consecutiveFailures how many runs in a row failed (0 after a success)
 */
record ServerState(SpecKey key, Instant lastStart, boolean lastFailed, Instant lastSuccess, Mode mode,
    String lastResult, int consecutiveFailures) {}
