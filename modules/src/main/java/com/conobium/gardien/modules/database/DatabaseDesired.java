package com.conobium.gardien.modules.database;

import java.util.List;

/**
 * What one server's MariaDB should be.
 *
 * @param enabled whether MariaDB is managed; when false this module plans nothing
 * @param databases the sites' databases, in manifest order
 */
record DatabaseDesired(boolean enabled, List<SiteDatabase> databases) {
  DatabaseDesired {
    databases = List.copyOf(databases);
  }
}
