package com.conobium.gardien.reconciler.ssh;

import static com.conobium.gardien.modules.spi.Shell.quote;

/**
 * The command line sent over SSH for a script: POSIX sh, as root. The script sees
 * {@code GARDIEN_SSH_CLIENT}, the address the server sees Gardien's connection come from (the
 * first field of sshd's {@code SSH_CONNECTION}, which {@code sudo} would not pass on). Pure.
 */
final class RemoteCommand {
  private RemoteCommand() {}

  static String wrap(String user, String script) {
    String sh = "env GARDIEN_SSH_CLIENT=\"${SSH_CONNECTION%% *}\" /bin/sh -c " + quote(script);
    return "root".equals(user) ? "exec " + sh : "exec sudo -n -- " + sh;
  }
}
