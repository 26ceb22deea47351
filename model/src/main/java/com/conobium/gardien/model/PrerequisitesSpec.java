package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription("expected Debian major release, e.g. 13")
    @TextPattern(value = "^[0-9]{1,3}$", describedAs = "a Debian major release such as 13") String debianRelease,
    @JsonPropertyDescription("whether bare-metal servers must have software RAID")
    Boolean raidOnBareMetal,
    @JsonPropertyDescription("mount points that must be their own file system")
    List<String> separatePartitions,
    @JsonPropertyDescription("whether swap must equal RAM")
    Boolean swapEqualsRam,
    @JsonPropertyDescription("how far swap may differ from RAM, in percent")
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
