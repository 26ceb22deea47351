package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slot numbers stay held, by this process's locks, for as long as their hosts run. */
class HostSlotTest {
  @TempDir Path machine;
  @TempDir Path cache;

  @Test
  void aSecondSlotDoesNotReleaseTheFirstOnesLocks() throws IOException {
    try (HostSlot a = HostSlot.acquire("gdn", List.of(machine, cache), n -> false);
        HostSlot b = HostSlot.acquire("gdn", List.of(machine, cache), n -> false)) {
      assertThat(b.number()).isNotEqualTo(a.number());
      // The second acquisition walked past the first number: its lock files must still be locked.
      assertThat(lockedByThisProcess(machine.resolve("slot-" + a.number() + ".lock"))).isTrue();
      assertThat(lockedByThisProcess(cache.resolve("slot-" + a.number() + ".lock"))).isTrue();
      assertThat(lockedByThisProcess(cache.resolve("slot-" + b.number() + ".lock"))).isTrue();
    }
  }

  @Test
  void numbersInUseOnTheMachineAreSkippedAndClosingReleases() throws IOException {
    Set<Integer> busy = Set.of(1, 2, 3);
    int n;
    try (HostSlot s = HostSlot.acquire("web", List.of(machine), busy::contains)) {
      n = s.number();
      assertThat(n).isGreaterThan(3);
      assertThat(s.machineName()).isEqualTo("web" + n);
      assertThat(s.hostAddress()).isEqualTo("198.18." + n + ".2");
      assertThat(s.controllerAddress()).isEqualTo("198.18." + n + ".1");
    }
    assertThat(lockedByThisProcess(machine.resolve("slot-" + n + ".lock"))).isFalse();
  }

  /** Whether /proc/locks lists a POSIX lock of this process on the file. */
  private static boolean lockedByThisProcess(Path file) throws IOException {
    long inode = (Long) Files.getAttribute(file, "unix:ino");
    String pid = String.valueOf(ProcessHandle.current().pid());
    return Files.readAllLines(Path.of("/proc/locks")).stream()
        .map(l -> l.trim().split("\\s+"))
        .anyMatch(f -> f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid)
            && f[5].endsWith(":" + inode));
  }
}
