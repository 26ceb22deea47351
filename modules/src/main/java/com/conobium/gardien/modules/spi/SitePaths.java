package com.conobium.gardien.modules.spi;

/**
 * Where a site lives on a server: shared vocabulary of the modules that serve sites (sites) and of
 * those that read what sites leave behind (fail2ban reads their nginx logs). Pure.
 */
public final class SitePaths {
  /** The folder holding one home per site. */
  public static final String ROOT = "/srv/www";
  /**
   * The folder of the sites' SFTP keys, one root-owned {@code SITE.keys} a site with SFTP (sshd
   * reads it; the site's user cannot change it).
   */
  public static final String SFTP_KEYS = "/etc/ssh/gardien-sites";

  private SitePaths() {}

  /** The site's home: {@code public/}, {@code logs/}, its chroot. */
  public static String home(String site) {
    return ROOT + "/" + site;
  }

  /** The site's log folder: nginx's {@code access.log} and {@code error.log} for it, PHP's errors. */
  public static String logs(String site) {
    return home(site) + "/logs";
  }
}
