package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.SitePaths;
import com.conobium.gardien.modules.spi.TlsPaths;
import java.util.List;

/**
 * Where a site lives on the server, and who owns what. The site's home is its SFTP chroot, so it
 * and every directory above it are root's and writable by nobody else; inside it:
 *
 * <ul>
 *   <li>{@code public/}: the document root, the site's user and group {@code www-data} (nginx),
 *       setgid so uploaded files stay readable by nginx; other sites' users cannot enter it;
 *   <li>{@code logs/}: nginx's access and error logs (opened by nginx's root master process, so the
 *       site's user may read but not write here, and cannot swap a log for a link) and PHP's error
 *       log, which the site's user owns;
 *   <li>{@code tmp/}: PHP's uploads, sessions and temporary files, the site's user's only.
 * </ul>
 *
 * Pure.
 */
public final class SiteLayout {
  public static final String ROOT = SitePaths.ROOT;
  public static final String NGINX_GROUP = "www-data";
  /** The marker in the GECOS field of a site's user, which is how removed sites are found. */
  public static final String GECOS = "Gardien site";
  public static final String SHELL = "/usr/sbin/nologin";
  static final String RECORDS = "/etc/gardien/sites";
  static final String SFTP_KEYS = SitePaths.SFTP_KEYS;
  static final String ARCHIVES = "/var/backups/gardien";

  private SiteLayout() {}

  /**
   * One path of the layout with its wanted attributes.
   *
   * @param directory whether it is a directory (else an empty file created when missing)
   */
  record Entry(String path, String mode, String owner, String group, boolean directory) {}

  static String home(String site) {
    return SitePaths.home(site);
  }

  static String poolFile(String phpVersion, String site) {
    return "/etc/php/" + phpVersion + "/fpm/pool.d/gardien-" + site + ".conf";
  }

  static String socket(String site) {
    return "/run/php/gardien-" + site + ".sock";
  }

  static String recordFile(String site) {
    return RECORDS + "/" + site + ".conf";
  }

  static String keysFile(String site) {
    return SFTP_KEYS + "/" + site + ".keys";
  }

  /** The site's certificate folder ({@link TlsPaths}: the tls module deploys into it). */
  static String tlsDirectory(String site) {
    return TlsPaths.CERTIFICATES + "/" + site;
  }

  /** {@link #ROOT} itself: root's, readable by all (nginx and every chroot pass through it). */
  static Entry root() {
    return new Entry(ROOT, "0755", "root", "root", true);
  }

  /** The site's home and what is in it, in creation order. */
  static List<Entry> entries(String site) {
    String home = home(site);
    return List.of(
        new Entry(home, "0751", "root", site, true),
        new Entry(home + "/public", "2750", site, NGINX_GROUP, true),
        new Entry(home + "/logs", "0750", "root", site, true),
        new Entry(home + "/tmp", "0700", site, site, true),
        new Entry(home + "/logs/php-error.log", "0640", site, site, false));
  }
}
