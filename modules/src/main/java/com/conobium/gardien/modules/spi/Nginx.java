package com.conobium.gardien.modules.spi;

/** nginx as the modules that change what it serves reload it. Pure. */
public final class Nginx {
  private Nginx() {}

  /**
   * Reloads nginx and waits (up to 10 s) until every worker that served before has stopped taking
   * connections (gone, or "shutting down"): {@code systemctl reload} returns once the signal is
   * sent, and a connection made meanwhile could still be served the old configuration — an old
   * certificate. Past 10 s it says so and goes on: the reload itself was made.
   */
  public static String reload(String unit) {
    return "nginx_old=$(pgrep -d ' ' -P \"$(cat /run/nginx.pid 2>/dev/null)\" 2>/dev/null || true)\n"
        + "systemctl reload " + unit + "\n"
        + "nginx_wait=0\n"
        + "for p in $nginx_old; do\n"
        + "  while [ \"$nginx_wait\" -lt 100 ] && [ -r \"/proc/$p/cmdline\" ]"
        + " && ! tr '\\0' ' ' <\"/proc/$p/cmdline\" 2>/dev/null | grep -q 'shutting down'; do\n"
        + "    nginx_wait=$((nginx_wait + 1)); sleep 0.1\n"
        + "  done\n"
        + "done\n"
        + "[ \"$nginx_wait\" -lt 100 ] || echo 'nginx: an old worker still takes connections 10 s after the reload' >&2\n";
  }
}
