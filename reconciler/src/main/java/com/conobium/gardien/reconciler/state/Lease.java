package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * A server's lease: the replica that owns it (runs its reconciles, monitoring and maintenance)
 * until {@code expires}, and the epoch that grows each time it changes hands.
 */
public record Lease(String server, String owner, long epoch, Instant expires) {}
