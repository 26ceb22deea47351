package com.conobium.gardien.reconciler.ssh;

import java.time.Duration;

/** A server Gardien can run commands on. */
public interface RemoteHost extends AutoCloseable {
  String name();

  ExecResult exec(String script, String stdin, Duration timeout) throws SshException;

  default ExecResult exec(String script) throws SshException {
    return exec(script, null, Duration.ofMinutes(5));
  }

  @Override
  void close();
}
