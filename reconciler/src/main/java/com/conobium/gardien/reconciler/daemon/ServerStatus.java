package com.conobium.gardien.reconciler.daemon;

import java.time.Instant;

/**
 * What {@code /status} shows of one server.
 *
 * @param mode apply or detect
 * @param lastResult the result of its last run
 * @param lastRun when its last run started
 * @param lastSuccess when a run last ended without failure; null if never
 * @param running whether a run is in flight now
 */
public record ServerStatus(String mode, String lastResult, Instant lastRun, Instant lastSuccess,
    boolean running) {}
