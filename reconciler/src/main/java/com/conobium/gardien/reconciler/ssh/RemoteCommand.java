package com.conobium.gardien.reconciler.ssh;

import static com.conobium.gardien.modules.spi.Shell.quote;

/** The command line sent over SSH for a script: POSIX sh, as root. Pure. */
final class RemoteCommand {
  private RemoteCommand() {}

  static String wrap(String user, String script) {
    String sh = "/bin/sh -c " + quote(script);
    return "root".equals(user) ? "exec " + sh : "exec sudo -n -- " + sh;
  }
}
