package com.conobium.gardien.modules.prerequisites;

import com.conobium.gardien.modules.spi.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks what a server must already be. Pure. Never plans a change: a failed check is reported and
 * left to people (reinstalling, repartitioning and adding RAID are not things to do remotely).
 */
final class PrerequisitesChecks {
  static final String RELEASE = "debian release";
  static final String RAID = "raid on bare metal";
  static final String PARTITION = "separate partition ";
  static final String SWAP = "swap equals ram";

  List<CheckResult> check(PrerequisitesDesired desired, PrerequisitesFacts facts) {
    List<CheckResult> checks = new ArrayList<>();
    checks.add(release(desired, facts));
    if (desired.raidOnBareMetal()) {
      checks.add(raid(facts));
    }
    for (String path : desired.separatePartitions()) {
      checks.add(partition(path, facts));
    }
    if (desired.swapTolerancePercent().isPresent()) {
      checks.add(swap(desired.swapTolerancePercent().getAsInt(), facts));
    }
    return checks;
  }

  private static CheckResult release(PrerequisitesDesired desired, PrerequisitesFacts facts) {
    String major = facts.debianMajor();
    String actual =
        major.isEmpty()
            ? "unknown (no /etc/os-release VERSION_ID nor /etc/debian_version)"
            : facts.debianVersion().isEmpty() || facts.debianVersion().equals(major)
                ? major
                : major + " (" + facts.debianVersion() + ")";
    return CheckResult.of(RELEASE, major.equals(desired.debianRelease()), desired.debianRelease(), actual);
  }

  private static CheckResult raid(PrerequisitesFacts facts) {
    String expected = "an active md array";
    return switch (facts.virtualisation()) {
      case VM, CONTAINER ->
          CheckResult.of(RAID, true, expected, "not applicable (" + facts.virtualisation().label() + ")");
      case UNKNOWN ->
          CheckResult.of(RAID, false, expected, "cannot tell whether this is bare metal (systemd-detect-virt printed nothing)");
      case BARE_METAL -> {
        List<String> arrays = facts.activeArrays();
        yield arrays.isEmpty()
            ? CheckResult.of(RAID, false, expected, "no active md array")
            : CheckResult.of(RAID, true, expected, String.join(", ", arrays));
      }
    };
  }

  private static CheckResult partition(String path, PrerequisitesFacts facts) {
    String mountPoint = facts.mountPoints().getOrDefault(path, "");
    String expected = path + " is a mount point";
    if (mountPoint.isEmpty()) {
      return CheckResult.of(PARTITION + path, false, expected, "missing or not found");
    }
    return mountPoint.equals(path)
        ? CheckResult.of(PARTITION + path, true, expected, "own file system")
        : CheckResult.of(PARTITION + path, false, expected, "part of " + mountPoint);
  }

  private static CheckResult swap(int tolerancePercent, PrerequisitesFacts facts) {
    if (facts.memTotalKb().isEmpty() || facts.swapTotalKb().isEmpty() || facts.memTotalKb().getAsLong() <= 0) {
      return CheckResult.of(SWAP, false, "swap = RAM ±" + tolerancePercent + "%", "unknown (no /proc/meminfo)");
    }
    long mem = facts.memTotalKb().getAsLong();
    long swap = facts.swapTotalKb().getAsLong();
    boolean within = Math.abs(swap - mem) * 100 <= mem * (long) tolerancePercent;
    return CheckResult.of(
        SWAP,
        within,
        "swap = RAM " + gib(mem) + " ±" + tolerancePercent + "%",
        "swap " + gib(swap));
  }

  private static String gib(long kilobytes) {
    return String.format(Locale.ROOT, "%.1f GiB", kilobytes / (1024.0 * 1024.0));
  }
}
