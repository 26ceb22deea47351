package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Duration;

/**
 * A host whose remote commands are timed into {@link Timings}: the first is the probe (one round
 * trip for every module's facts), the others the changes and their checks.
 */
final class TimedHost implements RemoteHost {
  private final RemoteHost host;
  private final Timings timings;
  private int commands;

  TimedHost(RemoteHost host, Timings timings) {
    this.host = host;
    this.timings = timings;
  }

  @Override
  public String name() {
    return host.name();
  }

  @Override
  public ExecResult exec(String script, String stdin, Duration timeout) throws SshException {
    long started = System.nanoTime();
    try {
      return host.exec(script, stdin, timeout);
    } finally {
      commands++;
      timings.add(host.name(), commands == 1 ? "probe (one remote command: run on the server and transfer)"
          : "remote command " + commands, System.nanoTime() - started);
    }
  }

  @Override
  public void close() {
    host.close();
  }
}
