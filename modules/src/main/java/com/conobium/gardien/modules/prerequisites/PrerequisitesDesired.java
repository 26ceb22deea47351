package com.conobium.gardien.modules.prerequisites;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a server must already be. A disabled rule is absent here, so it is never checked.
 *
 * @param debianRelease expected Debian major release, e.g. {@code 13}
 * @param raidOnBareMetal whether a bare-metal server must have an active software RAID array
 * @param separatePartitions absolute paths that must each be their own mount point, without
 *     trailing slashes, in manifest order
 * @param swapTolerancePercent how far swap may differ from RAM; empty when swap is not checked
 */
public record PrerequisitesDesired(
    String debianRelease,
    boolean raidOnBareMetal,
    List<String> separatePartitions,
    OptionalInt swapTolerancePercent) {

  public PrerequisitesDesired {
    List<String> paths = new ArrayList<>();
    for (String path : separatePartitions) {
      if (!path.startsWith("/") || path.contains("\n")) {
        throw new IllegalArgumentException("not an absolute path: " + path);
      }
      String trimmed = path.replaceAll("/+$", "");
      paths.add(trimmed.isEmpty() ? "/" : trimmed);
    }
    separatePartitions = List.copyOf(new LinkedHashSet<>(paths));
    if (swapTolerancePercent.isPresent() && swapTolerancePercent.getAsInt() < 0) {
      throw new IllegalArgumentException("swapTolerancePercent must not be negative");
    }
  }
}
