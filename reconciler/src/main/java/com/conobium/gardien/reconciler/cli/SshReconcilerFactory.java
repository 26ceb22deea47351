package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;

/** Placeholder until the SSH transport lands. */
final class SshReconcilerFactory implements ReconcilerFactory {
  @Override
  public Session open(FleetOptions options, ConfigRepo repo) {
    throw new UnsupportedOperationException("SSH transport not yet wired");
  }
}
