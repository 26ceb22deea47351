package com.conobium.gardien.modules.packages;

import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;

/**
 * The apt runs the packages module plans. Every run is non-interactive, keeps local changes to
 * configuration files ({@code --force-confold}) and waits for apt's locks instead of failing when
 * another apt holds them: apt-daily, or an apt-get left running by a connection that dropped.
 * {@code DPkg::Lock::Timeout} makes apt wait for the dpkg lock only; the lists and archives locks
 * fail at once ("Could not get lock"), so {@link #APT_GET_FUNCTION} retries those every second.
 */
final class AptCommands {
  /** Where Debian's apt-daily records the last successful update; we keep it current too. */
  static final String UPDATE_STAMP = "/var/lib/apt/periodic/update-success-stamp";

  /** How long a run waits for a lock another apt holds, as {@code DPkg::Lock::Timeout} does. */
  static final int LOCK_WAIT_SECONDS = 300;

  /**
   * {@code apt_get ARGS…}: apt-get, run again while it fails only because another apt holds the
   * lists or archives lock, for up to {@link #LOCK_WAIT_SECONDS}; its stderr is passed on once.
   */
  static final String APT_GET_FUNCTION = """
      apt_get() {
        apt_waited=0
        while :; do
          apt_err=$(mktemp)
          if DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=%1$d "$@" 2>"$apt_err"; then
            apt_status=0
          else
            apt_status=$?
          fi
          if [ $apt_status -ne 0 ] && [ $apt_waited -lt %1$d ] && grep -q 'Could not get lock' "$apt_err"; then
            rm -f "$apt_err"
            apt_waited=$((apt_waited + 1))
            sleep 1
            continue
          fi
          cat "$apt_err" >&2
          rm -f "$apt_err"
          return $apt_status
        done
      }
      """.formatted(LOCK_WAIT_SECONDS);

  private AptCommands() {}

  /** Fetches the lists; fails when any source fails, so a stale mirror is never hidden. */
  static Step update() {
    return new Step.Run(APT_GET_FUNCTION + updateScript());
  }

  private static String updateScript() {
    return "if ! apt_get -o APT::Update::Error-Mode=any update; then\n"
        + "  echo 'apt-get update failed: a source or the apt proxy could not be reached (its error is above)' >&2\n"
        + "  exit 100\n"
        + "fi\n"
        + "mkdir -p /var/lib/apt/periodic\n"
        + "touch " + UPDATE_STAMP + "\n";
  }

  /** What apt says when its lists do not match the sources (stale, or fetched through another URL). */
  static final String STALE_LISTS = "Unable to locate package|has no installation candidate|404 +Not Found";

  /**
   * Installs every package in one run, without recommends. When apt cannot find a package or a
   * file because its lists do not match the sources, the lists are fetched once and the install
   * tried again; when fetching them fails, that failure and its cause are what the run reports.
   */
  static Step install(List<String> packages) {
    String install = "apt_get"
        + " --no-install-recommends"
        + " -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"
        + " install "
        + Shell.quoteAll(packages);
    return new Step.Run(
        APT_GET_FUNCTION
            + "err=$(mktemp)\n"
            + "set +e\n"
            + install + " 2>\"$err\"\n"
            + "status=$?\n"
            + "set -e\n"
            + "cat \"$err\" >&2\n"
            + "if [ $status -ne 0 ] && grep -qE '" + STALE_LISTS + "' \"$err\"; then\n"
            + "  rm -f \"$err\"\n"
            + "  echo 'the apt lists do not match the sources: running apt-get update, then installing again' >&2\n"
            + updateScript().indent(2)
            + "  " + install + "\n"
            + "  exit 0\n"
            + "fi\n"
            + "rm -f \"$err\"\n"
            + "exit $status\n");
  }

  /** Purges every package in one run: program and configuration files. */
  static Step purge(List<String> packages) {
    return new Step.Run(APT_GET_FUNCTION + "apt_get purge " + Shell.quoteAll(packages) + "\n");
  }
}
