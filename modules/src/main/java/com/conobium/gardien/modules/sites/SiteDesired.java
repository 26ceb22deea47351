package com.conobium.gardien.modules.sites;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one hosted site should be.
 *
 * @param name the site's name: its Debian user, its home {@code /srv/www/NAME}, its pool and vhost
 * @param domains the vhost's host names, the first being the primary
 * @param pm PHP-FPM process manager: {@code ondemand}, {@code dynamic} or {@code static}
 * @param maxChildren {@code pm.max_children}
 * @param memoryLimit PHP {@code memory_limit}
 * @param sftp whether the site's user may log in with SFTP
 * @param sshKeys the keys allowed to log in as the site's user
 * @param https whether the site is served over HTTPS ({@code tls.mode} acme or provided)
 * @param database the site's database and its user, when it has one and MariaDB is managed
 * @param purgeOnRemove whether leaving the manifest deletes the site's data instead of archiving it
 */
public record SiteDesired(
    String name,
    List<String> domains,
    String pm,
    int maxChildren,
    String memoryLimit,
    boolean sftp,
    List<String> sshKeys,
    boolean https,
    Optional<Database> database,
    boolean purgeOnRemove) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmMgG]?");
  private static final Pattern DB_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  public SiteDesired {
    domains = List.copyOf(domains);
    sshKeys = List.copyOf(sshKeys);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a site name: " + name);
    }
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("site " + name + " has no domain");
    }
    for (String domain : domains) {
      if (!DOMAIN.matcher(domain).matches()) {
        throw new IllegalArgumentException("not a domain: " + domain);
      }
    }
    if (!List.of("ondemand", "dynamic", "static").contains(pm)) {
      throw new IllegalArgumentException("not a process manager: " + pm);
    }
    if (maxChildren < 1) {
      throw new IllegalArgumentException("maxChildren must be at least 1: " + maxChildren);
    }
    if (!SIZE.matcher(memoryLimit).matches()) {
      throw new IllegalArgumentException("not a size: " + memoryLimit);
    }
    for (String key : sshKeys) {
      if (key.isBlank() || key.contains("\n") || key.contains("\r")) {
        throw new IllegalArgumentException("an SSH key must be one non-empty line");
      }
    }
    database.ifPresent(db -> {
      if (!DB_NAME.matcher(db.name()).matches() || !DB_NAME.matcher(db.user()).matches()) {
        throw new IllegalArgumentException("not a database or user name: " + db);
      }
    });
  }

  /**
   * The site's database, as the record on the server keeps it for the site's removal.
   *
   * @param name database name
   * @param user database user (at localhost)
   */
  public record Database(String name, String user) {}
}
