package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * A check that failed in a round, as the monitoring's history keeps it.
 *
 * @param server the server
 * @param at when the round ran
 * @param check the check's name
 * @param tookMillis how long it waited, in milliseconds
 * @param error why it failed
 */
public record CheckFailure(String server, Instant at, String check, int tookMillis, String error) {}
