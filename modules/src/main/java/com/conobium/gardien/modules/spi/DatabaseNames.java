package com.conobium.gardien.modules.spi;

import com.conobium.gardien.model.SiteSpec;

/**
 * A site's MariaDB database and user, as the database module creates them and the sites module
 * hands them to the site. The one place they are named. Pure.
 */
public final class DatabaseNames {
  private DatabaseNames() {}

  /** The site's database: the manifest's {@code database.name}, else the site's name. */
  public static String name(SiteSpec site) {
    return site.database().name() != null ? site.database().name() : site.name();
  }

  /** The site's database user: the manifest's {@code database.user}, else the site's name. */
  public static String user(SiteSpec site) {
    return site.database().user() != null ? site.database().user() : site.name();
  }
}
