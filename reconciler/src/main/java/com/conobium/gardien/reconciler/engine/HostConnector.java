package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;

/** Opens (or reuses) the connection to a target's server. */
public interface HostConnector {
  RemoteHost connect(Target target) throws SshException;

  /**
   * Proves the server still lets Gardien in, through a brand-new connection (never a reused
   * one): the test that cancels the server's own rollback after a guarded change.
   */
  default void confirmNewConnection(Target target) throws SshException {
    connect(target).exec("true");
  }

  /** Closes what is kept open to {@code target}'s server: another process watches it now. */
  default void release(Target target) {}
}
