package com.conobium.gardien.modules.prerequisites;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrerequisitesChecksTest {
  private static final long GIB = 1024L * 1024L;
  private static final String MDSTAT =
      """
      Personalities : [raid1] [linear] [multipath] [raid0] [raid6] [raid5] [raid4] [raid10]
      md1 : active raid1 sda2[0] sdb2[1]
            974504960 blocks super 1.2 [2/2] [UU]
            bitmap: 3/8 pages [12KB], 65536KB chunk

      md0 : active raid1 sda1[0] sdb1[1]
            523264 blocks super 1.2 [2/2] [UU]

      unused devices: <none>
      """;

  private static final PrerequisitesDesired ALL =
      new PrerequisitesDesired("13", true, List.of("/var/log", "/tmp"), OptionalInt.of(10));

  private final PrerequisitesModule module = new PrerequisitesModule();

  private static PrerequisitesFacts good() {
    return new PrerequisitesFacts(
        "13",
        "13.1",
        Virtualisation.BARE_METAL,
        MDSTAT,
        Map.of("/var/log", "/var/log", "/tmp", "/tmp"),
        OptionalLong.of(8 * GIB),
        OptionalLong.of(8 * GIB));
  }

  private static PrerequisitesFacts with(
      PrerequisitesFacts f, String osVersionId, String debianVersion, Virtualisation virt, String mdstat,
      Map<String, String> mounts, long mem, long swap) {
    return new PrerequisitesFacts(
        osVersionId, debianVersion, virt, mdstat, mounts, OptionalLong.of(mem), OptionalLong.of(swap));
  }

  private CheckResult check(PrerequisitesDesired desired, PrerequisitesFacts facts, String name) {
    return module.plan(desired, facts).checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name));
  }

  @Test
  void aGoodServerPassesEveryCheckAndNeverHasChanges() {
    ModulePlan plan = module.plan(ALL, good());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasDrift()).isFalse();
    assertThat(plan.hasFailedChecks()).isFalse();
    assertThat(plan.checks())
        .containsExactly(
            CheckResult.of("debian release", true, "13", "13 (13.1)"),
            CheckResult.of("raid on bare metal", true, "an active md array", "md1 (raid1), md0 (raid1)"),
            CheckResult.of("separate partition /var/log", true, "/var/log is a mount point", "own file system"),
            CheckResult.of("separate partition /tmp", true, "/tmp is a mount point", "own file system"),
            CheckResult.of("swap equals ram", true, "swap = RAM 8.0 GiB ±10%", "swap 8.0 GiB"));
  }

  @Nested
  class Release {
    @Test
    void otherReleaseFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "12", "12.11", f.virtualisation(), f.mdstat(), f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "debian release"))
          .isEqualTo(CheckResult.of("debian release", false, "13", "12 (12.11)"));
    }

    @Test
    void withoutVersionIdTheDebianVersionCounts() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "", "13.0", f.virtualisation(), f.mdstat(), f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "debian release").passed()).isTrue();
    }

    @Test
    void testingReleaseFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "", "forky/sid", f.virtualisation(), f.mdstat(), f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "debian release"))
          .isEqualTo(CheckResult.of("debian release", false, "13", "forky/sid"));
    }

    @Test
    void unknownReleaseFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "", "", f.virtualisation(), f.mdstat(), f.mountPoints(), 8 * GIB, 8 * GIB);

      CheckResult check = check(ALL, facts, "debian release");
      assertThat(check.passed()).isFalse();
      assertThat(check.actual()).startsWith("unknown");
    }
  }

  @Nested
  class Raid {
    @Test
    void bareMetalWithoutArrayFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", Virtualisation.BARE_METAL, "Personalities : \nunused devices: <none>\n",
              f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "raid on bare metal"))
          .isEqualTo(CheckResult.of("raid on bare metal", false, "an active md array", "no active md array"));
    }

    @Test
    void inactiveArrayDoesNotCount() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", Virtualisation.BARE_METAL, "md127 : inactive sdb1[1](S)\n", f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "raid on bare metal").passed()).isFalse();
    }

    @Test
    void readOnlyArrayIsActive() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", Virtualisation.BARE_METAL, "md0 : active (auto-read-only) raid1 sda1[0] sdb1[1]\n",
              f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "raid on bare metal").actual()).isEqualTo("md0 (raid1)");
    }

    @ParameterizedTest
    @CsvSource({"VM, not applicable (vm)", "CONTAINER, not applicable (container)"})
    void virtualServersAreNotApplicable(Virtualisation virt, String actual) {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "13", "13.1", virt, "", f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "raid on bare metal"))
          .isEqualTo(CheckResult.of("raid on bare metal", true, "an active md array", actual));
    }

    @Test
    void unknownVirtualisationFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "13", "13.1", Virtualisation.UNKNOWN, "", f.mountPoints(), 8 * GIB, 8 * GIB);

      CheckResult check = check(ALL, facts, "raid on bare metal");
      assertThat(check.passed()).isFalse();
      assertThat(check.actual()).startsWith("cannot tell");
    }

    @Test
    void disabledIsNotChecked() {
      PrerequisitesDesired noRaid = new PrerequisitesDesired("13", false, List.of("/tmp"), OptionalInt.of(10));
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "13", "13.1", Virtualisation.BARE_METAL, "", f.mountPoints(), 8 * GIB, 8 * GIB);

      assertThat(module.plan(noRaid, facts).checks()).extracting(CheckResult::name).doesNotContain("raid on bare metal");
      assertThat(module.plan(noRaid, facts).hasFailedChecks()).isFalse();
    }
  }

  @Nested
  class Partitions {
    @Test
    void pathOnTheRootFileSystemFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", f.virtualisation(), f.mdstat(), Map.of("/var/log", "/var", "/tmp", "/tmp"), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "separate partition /var/log"))
          .isEqualTo(CheckResult.of("separate partition /var/log", false, "/var/log is a mount point", "part of /var"));
      assertThat(check(ALL, facts, "separate partition /tmp").passed()).isTrue();
    }

    @Test
    void missingPathFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", f.virtualisation(), f.mdstat(), Map.of("/var/log", "", "/tmp", "/tmp"), 8 * GIB, 8 * GIB);

      assertThat(check(ALL, facts, "separate partition /var/log").actual()).isEqualTo("missing or not found");
      assertThat(check(ALL, facts, "separate partition /var/log").passed()).isFalse();
    }

    @Test
    void trailingSlashesAreIgnored() {
      PrerequisitesDesired desired = new PrerequisitesDesired("13", true, List.of("/var/log/", "/tmp//", "/"), OptionalInt.empty());

      assertThat(desired.separatePartitions()).containsExactly("/var/log", "/tmp", "/");
    }

    @Test
    void noPathsNoChecks() {
      PrerequisitesDesired none = new PrerequisitesDesired("13", false, List.of(), OptionalInt.empty());

      assertThat(module.plan(none, good()).checks()).extracting(CheckResult::name).containsExactly("debian release");
    }
  }

  @Nested
  class Swap {
    @ParameterizedTest
    @CsvSource({
      "8192, 8192, true",
      "8192, 9011, true", // +10.0%
      "8192, 7373, true", // -10.0%
      "8192, 9012, false",
      "8192, 7372, false",
      "8192, 0, false"
    })
    void swapWithinToleranceOfRamPasses(long memMib, long swapMib, boolean passed) {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          with(f, "13", "13.1", f.virtualisation(), f.mdstat(), f.mountPoints(), memMib * 1024, swapMib * 1024);

      assertThat(check(ALL, facts, "swap equals ram").passed()).isEqualTo(passed);
    }

    @Test
    void noSwapIsSpelledOut() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "13", "13.1", f.virtualisation(), f.mdstat(), f.mountPoints(), 4 * GIB, 0);

      assertThat(check(ALL, facts, "swap equals ram"))
          .isEqualTo(CheckResult.of("swap equals ram", false, "swap = RAM 4.0 GiB ±10%", "swap 0.0 GiB"));
    }

    @Test
    void unknownMemoryFails() {
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts =
          new PrerequisitesFacts("13", "13.1", f.virtualisation(), f.mdstat(), f.mountPoints(), OptionalLong.empty(), OptionalLong.empty());

      assertThat(check(ALL, facts, "swap equals ram").passed()).isFalse();
    }

    @Test
    void disabledIsNotChecked() {
      PrerequisitesDesired noSwap = new PrerequisitesDesired("13", true, List.of(), OptionalInt.empty());
      PrerequisitesFacts f = good();
      PrerequisitesFacts facts = with(f, "13", "13.1", f.virtualisation(), f.mdstat(), f.mountPoints(), 4 * GIB, 0);

      assertThat(module.plan(noSwap, facts).checks()).extracting(CheckResult::name).doesNotContain("swap equals ram");
    }
  }

  @Test
  void virtualisationClassification() {
    assertThat(Virtualisation.of("none", "none")).isEqualTo(Virtualisation.BARE_METAL);
    assertThat(Virtualisation.of("kvm", "none")).isEqualTo(Virtualisation.VM);
    assertThat(Virtualisation.of("none", "systemd-nspawn")).isEqualTo(Virtualisation.CONTAINER);
    assertThat(Virtualisation.of("kvm", "lxc")).isEqualTo(Virtualisation.CONTAINER);
    assertThat(Virtualisation.of("", "")).isEqualTo(Virtualisation.UNKNOWN);
    assertThat(Virtualisation.of("none", "")).isEqualTo(Virtualisation.UNKNOWN);
  }
}
