package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;

/** Opens (or reuses) the connection to a target's server. */
public interface HostConnector {
  RemoteHost connect(Target target) throws SshException;
}
