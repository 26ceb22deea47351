package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import java.util.Optional;

/**
 * Renders the sshd drop-in for the sites' users: every site user is chrooted to its home and gets
 * SFTP only (no shell, no TTY, no forwarding of any kind), with keys read from a root-owned file
 * the user cannot change ({@code /etc/ssh/gardien-sites/SITE.keys}; a site without SFTP has no such
 * file, so nobody logs in as it). A Match block in an included file ends with that file, so it does
 * not swallow Debian's own settings. Pure.
 */
final class SftpDropIn {
  static final String PATH = "/etc/ssh/sshd_config.d/50-gardien-sites.conf";
  static final String TEST = "sshd -t";

  private SftpDropIn() {}

  /** The file, or empty when there is no site (then it must not exist). */
  static Optional<Step.PutFile> render(List<SiteDesired> sites) {
    if (sites.isEmpty()) {
      return Optional.empty();
    }
    String users = String.join(",", sites.stream().map(SiteDesired::name).toList());
    String text = """
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
        """.formatted(users, SiteLayout.ROOT, SiteLayout.SFTP_KEYS);
    return Optional.of(new Step.PutFile(PATH, text, "0644", "root", "root", TEST));
  }

  /** A site's authorized keys file: one key a line. */
  static Step.PutFile keys(SiteDesired site) {
    StringBuilder text = new StringBuilder();
    site.sshKeys().forEach(k -> text.append(k.strip()).append('\n'));
    return new Step.PutFile(SiteLayout.keysFile(site.name()), text.toString(), "0644", "root", "root", null);
  }
}
