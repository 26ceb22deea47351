package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Duration;

/** A host that counts the remote commands run through it: the round trips of one reconcile. */
final class CountingHost implements RemoteHost {
  private final RemoteHost host;
  private int count;

  CountingHost(RemoteHost host) {
    this.host = host;
  }

  @Override
  public String name() {
    return host.name();
  }

  @Override
  public ExecResult exec(String script, String stdin, Duration timeout) throws SshException {
    count++;
    return host.exec(script, stdin, timeout);
  }

  int count() {
    return count;
  }

  /** The connection is shared and reused; closing a counting view leaves it open. */
  @Override
  public void close() {}
}
