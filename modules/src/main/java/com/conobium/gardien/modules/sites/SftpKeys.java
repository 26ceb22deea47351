package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.Step;

/**
 * A site's SFTP keys file, {@code /etc/ssh/gardien-sites/SITE.keys}: root-owned, one key a line,
 * read by sshd for the site's user (the ssh module's sites drop-in names the folder). Pure.
 */
final class SftpKeys {
  private SftpKeys() {}

  static Step.PutFile of(SiteDesired site) {
    StringBuilder text = new StringBuilder();
    site.sshKeys().forEach(k -> text.append(k.strip()).append('\n'));
    return new Step.PutFile(SiteLayout.keysFile(site.name()), text.toString(), "0644", "root", "root", null);
  }
}
