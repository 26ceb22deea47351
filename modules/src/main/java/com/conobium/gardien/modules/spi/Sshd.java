package com.conobium.gardien.modules.spi;

/**
 * sshd as the modules that change its configuration reload it. Pure.
 */
public final class Sshd {
  /** Reloads sshd, or starts it when it is not running. */
  public static final String RELOAD = "systemctl reload-or-restart ssh.service";

  private Sshd() {}

  /**
   * Reloads sshd and waits (up to 10 s) until it listens on {@code port}: sshd re-executes itself
   * on reload, and a new connection made before it listens again would be refused.
   */
  public static String reload(int port) {
    return RELOAD + "\n"
        + "i=0\n"
        + "while ! ss -Hltn \"sport = :" + port + "\" | grep -q .; do\n"
        + "  i=$((i + 1)); [ \"$i\" -le 100 ] || { echo \"sshd does not listen on port " + port + "\" >&2; exit 1; }\n"
        + "  sleep 0.1\n"
        + "done";
  }
}
