package com.conobium.gardien.modules.time;

import com.conobium.gardien.modules.spi.Step;

/**
 * Gardien's {@code /etc/chrony/chrony.conf}: Debian's, without its {@code pool} line, so chronyd
 * asks only the manifest's servers (in {@link ChronySources}). apt keeps it over package upgrades
 * ({@code --force-confold}). A changed file needs a restart of a running chronyd.
 */
final class ChronyConfig {
  static final String PATH = "/etc/chrony/chrony.conf";

  static final String CONTENT = """
      # Managed by Gardien: changes here are overwritten. Time sources are the manifest's
      # (time.servers), in /etc/chrony/sources.d/gardien.sources.
      confdir /etc/chrony/conf.d
      sourcedir /etc/chrony/sources.d
      keyfile /etc/chrony/chrony.keys
      driftfile /var/lib/chrony/chrony.drift
      ntsdumpdir /var/lib/chrony
      logdir /var/log/chrony
      maxupdateskew 100.0
      rtcsync
      makestep 1 3
      leapseclist /usr/share/zoneinfo/leap-seconds.list
      """;

  static final Step RESTART_IF_RUNNING = new Step.Run("systemctl try-restart chrony.service\n");

  private ChronyConfig() {}

  /** The file, parsed by chronyd before it replaces the previous one. */
  static Step.PutFile file() {
    return Step.PutFile.of(PATH, CONTENT).validatedBy("chronyd -p -f " + PATH + " >/dev/null");
  }
}
