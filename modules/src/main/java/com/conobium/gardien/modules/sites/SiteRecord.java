package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.Step;
import java.util.Map;
import java.util.Optional;

/**
 * What the server remembers of a site for the day it leaves the manifest (when its spec is gone):
 * whether to archive or purge it, and its database. Kept in {@code /etc/gardien/sites/SITE.conf}
 * as {@code key=value} lines. Pure.
 *
 * @param purge whether removal deletes the data instead of archiving it
 * @param database the site's database and user, if it has one
 */
public record SiteRecord(boolean purge, Optional<SiteDesired.Database> database) {

  static SiteRecord of(SiteDesired site) {
    return new SiteRecord(site.purgeOnRemove(), site.database());
  }

  /** Reads the values the probe sent (keys {@code onRemove}, {@code database}, {@code databaseUser}). */
  static SiteRecord of(Map<String, String> values) {
    String db = values.getOrDefault("database", "");
    String user = values.getOrDefault("databaseUser", "");
    return new SiteRecord("purge".equals(values.get("onRemove")),
        db.isEmpty() || user.isEmpty() ? Optional.empty() : Optional.of(new SiteDesired.Database(db, user)));
  }

  Step.PutFile render(String site) {
    StringBuilder text = new StringBuilder("# Managed by Gardien: what becomes of site ")
        .append(site).append(" when it leaves the manifest.\n")
        .append("onRemove=").append(purge ? "purge" : "archive").append('\n');
    database.ifPresent(db -> text.append("database=").append(db.name()).append('\n')
        .append("databaseUser=").append(db.user()).append('\n'));
    return new Step.PutFile(SiteLayout.recordFile(site), text.toString(), "0644", "root", "root", null);
  }
}
