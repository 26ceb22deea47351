package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.SitePaths;
import java.util.List;
import java.util.Optional;

/**
 * Renders the sshd drop-in for the sites' users — the ssh module is the only writer of sshd's
 * configuration; the sites module makes the users, their chroots and their keys files. Every site
 * user is chrooted to its home and gets SFTP only (no shell, no TTY, no forwarding of any kind),
 * with keys read from a root-owned file the user cannot change
 * ({@code /etc/ssh/gardien-sites/SITE.keys}; a site without SFTP has no such file, so nobody logs
 * in as it). A Match block in an included file ends with that file, so it does not swallow
 * Debian's own settings. Pure.
 */
final class SitesSftpDropIn {
  static final String PATH = "/etc/ssh/sshd_config.d/50-gardien-sites.conf";

  private SitesSftpDropIn() {}

  /** The sites whose users the drop-in names: every site, when the web stack serves them. */
  static List<String> users(ServerSpec spec) {
    return spec.web().enabled() ? spec.sites().stream().map(SiteSpec::name).toList() : List.of();
  }

  /** The file's content, or empty when there is no site (then it must not exist). */
  static Optional<String> render(List<String> users) {
    if (users.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("""
        # Managed by Gardien (sites: ...): the sites' users get SFTP in their chroot, nothing else.
        Match User %s
          ChrootDirectory %s/%%u
          ForceCommand internal-sftp -u 0027
          AuthorizedKeysFile %s/%%u.keys
          PasswordAuthentication no
          KbdInteractiveAuthentication no
          PermitTTY no
          AllowTcpForwarding no
          AllowStreamLocalForwarding no
          AllowAgentForwarding no
          X11Forwarding no
          PermitTunnel no
        """.formatted(String.join(",", users), SitePaths.ROOT, SitePaths.SFTP_KEYS));
  }
}
