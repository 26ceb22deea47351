package com.conobium.gardien.modules.packages;

import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;

/**
 * The apt runs the packages module plans. Every run is non-interactive, keeps local changes to
 * configuration files ({@code --force-confold}) and waits for the dpkg lock instead of failing
 * when apt-daily holds it.
 */
final class AptCommands {
  /** Where Debian's apt-daily records the last successful update; we keep it current too. */
  static final String UPDATE_STAMP = "/var/lib/apt/periodic/update-success-stamp";

  private static final String APT_GET =
      "DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300";

  private AptCommands() {}

  /** Fetches the lists; fails when any source fails, so a stale mirror is never hidden. */
  static Step update() {
    return new Step.Run(
        APT_GET
            + " -o APT::Update::Error-Mode=any update\n"
            + "mkdir -p /var/lib/apt/periodic\n"
            + "touch "
            + UPDATE_STAMP
            + "\n");
  }

  /** Installs every package in one run, without recommends. */
  static Step install(List<String> packages) {
    return new Step.Run(
        APT_GET
            + " --no-install-recommends"
            + " -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold"
            + " install "
            + Shell.quoteAll(packages)
            + "\n");
  }

  /** Purges every package in one run: program and configuration files. */
  static Step purge(List<String> packages) {
    return new Step.Run(APT_GET + " purge " + Shell.quoteAll(packages) + "\n");
  }
}
