package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.modules.spi.Step;
import java.util.List;

/**
 * Gardien's own jail file. fail2ban reads {@code jail.conf}, then {@code jail.d/*.conf}, then
 * {@code jail.local}, then {@code jail.d/*.local}, so this file overrides Debian's
 * {@code jail.d/defaults-debian.conf} without editing any file Debian ships. Rendering is
 * deterministic: the same desired state and jails give the same bytes.
 */
final class GardienJailFile {
  static final String DIRECTORY = "/etc/fail2ban/jail.d";
  static final String PATH = DIRECTORY + "/gardien.local";

  /** Tests the whole configuration (jail.conf and every jail.d file) with the new file in place. */
  static final String VALIDATE = "fail2ban-client -t";

  /**
   * Debian 13's OpenSSH logs failed logins from {@code sshd-session}, but Debian's
   * defaults-debian.conf matches only {@code _COMM=sshd}, which would never ban; this is the match
   * of fail2ban's own filter.d/sshd.conf.
   */
  static final String SSHD_JOURNAL_MATCH = "_SYSTEMD_UNIT=ssh.service + _COMM=sshd + _COMM=sshd-session";

  private GardienJailFile() {}

  /**
   * The file for {@code desired}, enabling exactly {@code jails} (a subset of the desired jails,
   * in their order). Debian enables {@code sshd} on its own, so when it is not wanted it is
   * disabled here.
   */
  static Step.PutFile render(Fail2banDesired desired, List<String> jails) {
    StringBuilder text = new StringBuilder("# Managed by Gardien: changes here are overwritten.\n");
    text.append("[DEFAULT]\n")
        .append("maxretry = ").append(desired.maxRetry()).append('\n')
        .append("findtime = ").append(desired.findTime()).append('\n')
        .append("bantime = ").append(desired.banTime()).append('\n')
        .append("ignoreip = 127.0.0.1/8 ::1");
    for (String address : desired.ignoreIp()) {
      text.append(' ').append(address);
    }
    text.append('\n')
        .append("banaction = nftables-multiport\n")
        .append("banaction_allports = nftables-allports\n")
        .append("backend = systemd\n");
    if (!jails.contains("sshd")) {
      text.append("\n[sshd]\nenabled = false\n");
    }
    for (String jail : jails) {
      text.append("\n[").append(jail).append("]\nenabled = true\n");
      if (jail.equals("sshd")) {
        text.append("port = ").append(desired.sshPort()).append('\n')
            .append("journalmatch = ").append(SSHD_JOURNAL_MATCH).append('\n');
      } else if (JailLogFiles.of(jail).isPresent()) {
        text.append("backend = auto\n");
      }
    }
    return Step.PutFile.of(PATH, text.toString()).validatedBy(VALIDATE);
  }
}
