package com.conobium.gardien.reconciler.state;

/** A replica tried to write about a server whose lease it no longer holds: nothing was written. */
public final class LeaseLostException extends StateException {
  public LeaseLostException(String server, Fence fence) {
    super("replica " + fence.replica() + " no longer holds the lease of " + server + " (epoch " + fence.epoch()
        + "): nothing written", null);
  }
}
