package com.conobium.gardien.model;

import java.util.List;

/**
 * What a server must already be: checked, never fixed.
 *
 * @param debianRelease expected Debian major release, e.g. {@code 13}
 * @param raidOnBareMetal whether bare-metal servers must have software RAID
 * @param separatePartitions mount points that must be their own file system
 * @param swapEqualsRam whether swap must equal RAM
 * @param swapTolerancePercent how far swap may differ from RAM, in percent
 */
public record PrerequisitesSpec(
    String debianRelease,
    Boolean raidOnBareMetal,
    List<String> separatePartitions,
    Boolean swapEqualsRam,
    @NumberRange(min = 0, max = 100) Integer swapTolerancePercent) {
  public PrerequisitesSpec {
    debianRelease = debianRelease == null ? "13" : debianRelease;
    raidOnBareMetal = raidOnBareMetal == null || raidOnBareMetal;
    separatePartitions =
        separatePartitions == null ? List.of("/var/log", "/tmp") : List.copyOf(separatePartitions);
    swapEqualsRam = swapEqualsRam == null || swapEqualsRam;
    swapTolerancePercent = swapTolerancePercent == null ? 10 : swapTolerancePercent;
  }
}
