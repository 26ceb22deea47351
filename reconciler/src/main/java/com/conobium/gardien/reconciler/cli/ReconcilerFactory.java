package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.engine.Reconciler;

/** Makes the reconciler for one command run (or the daemon), connected as the settings say. */
interface ReconcilerFactory {
  /** A reconciler and the connections it owns; closing it closes them. */
  interface Session extends AutoCloseable {
    Reconciler reconciler();

    /** The public keys this session logs in with, which the accounts module authorizes. */
    default java.util.List<String> controllerKeys() {
      return java.util.List.of();
    }

    @Override
    void close();
  }

  Session open(ConnectionSettings settings);
}
