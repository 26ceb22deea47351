package com.conobium.gardien.reconciler.state;

/**
 * What a replica's write about a server proves: that it holds the server's lease of this epoch.
 * A replica that lost the lease (paused, cut off, then back) writes nothing.
 */
public record Fence(String replica, long epoch) {}
