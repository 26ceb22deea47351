package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.util.List;

/** Makes the reconciler for one command run (or the daemon), connected as the settings say. */
interface ReconcilerFactory {
  /** A reconciler and the connections it owns; closing it closes them. */
  interface Session extends AutoCloseable {
    Reconciler reconciler();

    /** The public keys this session logs in with, which the accounts module authorizes. */
    default List<String> controllerKeys() {
      return List.of();
    }

    /**
     * A connection to {@code target}'s server for steps outside the engine (ACME challenge files).
     * Closing it does not close the session's shared connection.
     */
    default RemoteHost connect(Target target)
        throws SshException {
      throw new UnsupportedOperationException("this session cannot connect outside its reconciler");
    }

    @Override
    void close();
  }

  Session open(ConnectionSettings settings);
}
