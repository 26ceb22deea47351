package com.conobium.gardien.reconciler.engine;

import static com.conobium.gardien.modules.spi.Shell.quote;

import com.conobium.gardien.modules.spi.Change;
import java.time.Duration;
import java.util.List;

/**
 * The scripts that make a risky change undo itself: before the change, the guarded files are
 * copied aside and a systemd timer is armed on the server to put them back and re-activate them;
 * once Gardien has reconnected through a new connection, the timer is disarmed. If Gardien never
 * comes back, the server restores itself. Pure.
 */
final class RollbackGuard {
  static final String DIR = "/var/lib/gardien/rollback";

  private final String id;
  private final Change.Guard guard;
  private final Duration delay;

  RollbackGuard(String id, Change.Guard guard, Duration delay) {
    if (!id.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("rollback id must be [a-z0-9-]+");
    }
    this.id = id;
    this.guard = guard;
    this.delay = delay;
  }

  String unit() {
    return "gardien-rollback-" + id;
  }

  private String dir() {
    return DIR + "/" + id;
  }

  /** Copies the guarded files aside, writes the restore script, and arms the timer. */
  String arm() {
    StringBuilder b = new StringBuilder();
    b.append("set -e\nd=").append(quote(dir())).append("\nrm -rf \"$d\"\nmkdir -p \"$d\"\nchmod 700 \"$d\"\n");
    List<String> paths = guard.paths();
    StringBuilder restore = new StringBuilder("#!/bin/sh\n# Written by Gardien: undoes a change Gardien could not confirm.\n");
    for (int i = 0; i < paths.size(); i++) {
      String p = quote(paths.get(i));
      b.append("if [ -e ").append(p).append(" ]; then cp -a ").append(p).append(" \"$d/").append(i)
          .append("\"; else : > \"$d/").append(i).append(".absent\"; fi\n");
      restore.append("if [ -e '").append(dir()).append('/').append(i).append(".absent' ]; then rm -f ").append(p)
          .append("; else cp -a '").append(dir()).append('/').append(i).append("' ").append(p).append("; fi\n");
    }
    restore.append(guard.restore()).append('\n');
    b.append("cat > \"$d/restore.sh\" <<'GARDIEN_RESTORE'\n").append(restore).append("GARDIEN_RESTORE\n");
    b.append("systemctl stop ").append(unit()).append(".timer 2>/dev/null || true\n");
    b.append("systemd-run --quiet --unit=").append(unit()).append(" --on-active=").append(delay.toSeconds())
        .append("s --timer-property=AccuracySec=100ms /bin/sh \"$d/restore.sh\"\n");
    return b.toString();
  }

  /** Restores right away: the change itself failed. */
  String restoreNow() {
    return "set -e\nsystemctl stop " + unit() + ".timer 2>/dev/null || true\n/bin/sh " + quote(dir() + "/restore.sh")
        + "\nrm -rf " + quote(dir()) + "\n";
  }

  /** Cancels the rollback: Gardien got back in. */
  String disarm() {
    return "systemctl stop " + unit() + ".timer 2>/dev/null || true\nsystemctl reset-failed " + unit()
        + ".service 2>/dev/null || true\nrm -rf " + quote(dir()) + "\n";
  }
}
