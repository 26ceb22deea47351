package com.conobium.gardien.modules.backup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The paths a backup covers: the manifest's paths and each site's home, without nesting. Pure. */
final class BackupPaths {
  /** Where a site's home is: {@code /srv/www/NAME}. */
  static final String SITES = "/srv/www";

  private BackupPaths() {}

  /**
   * {@code paths} and the homes of {@code sites}, trailing slashes removed, sorted, and without a
   * path that lies inside another (restic would store it twice in the tree otherwise).
   */
  static List<String> of(Collection<String> paths, Collection<String> sites) {
    TreeSet<String> all = new TreeSet<>();
    for (String p : paths) {
      all.add(p.length() > 1 ? p.replaceAll("/+$", "") : p);
    }
    for (String site : sites) {
      all.add(SITES + "/" + site);
    }
    List<String> kept = new ArrayList<>();
    for (String p : all) {
      boolean nested = kept.stream().anyMatch(k -> k.equals("/") || p.startsWith(k + "/"));
      if (!nested) {
        kept.add(p);
      }
    }
    return kept;
  }
}
