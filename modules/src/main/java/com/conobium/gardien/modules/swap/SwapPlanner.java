package com.conobium.gardien.modules.swap;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the swap file asked for with the facts. Pure. With {@code swap.file: true}, in order:
 * the file of RAM's size made and formatted (when missing), turned on (when not in use), listed in
 * {@code /etc/fstab} (when not). A file of another size is left as it is and reported: resizing
 * swap in use is the operator's call. In a container the module only says it does not apply. It
 * always reads the swap in use, against RAM, for the report.
 */
final class SwapPlanner {
  static final String SWAP_READING = "swap_bytes";
  static final String MEMORY_READING = "memory_bytes";

  ModulePlan plan(SwapDesired desired, SwapFacts facts) {
    List<Reading> readings = List.of(
        new Reading(SWAP_READING, "Swap in use on the server (bytes)", Map.of(), facts.swapTotalKb() * 1024.0),
        new Reading(MEMORY_READING, "RAM of the server (bytes)", Map.of(), facts.memTotalKb() * 1024.0));
    if (!desired.file()) {
      return ModulePlan.of(List.of()).withReadings(readings);
    }
    String name = "swap file " + desired.path();
    if (facts.inContainer()) {
      return ModulePlan.checksOnly(List.of(CheckResult.of(name, true, "a swap file of RAM's size",
          "not applicable: a container's swap is its host's (" + facts.container() + ")"))).withReadings(readings);
    }
    long bytes = facts.memTotalKb() * 1024;
    String path = Shell.quote(desired.path());
    List<Change> changes = new ArrayList<>();
    List<CheckResult> checks = new ArrayList<>();
    if (facts.fileBytes().isEmpty()) {
      changes.add(Change.add(name, mib(bytes) + " MiB (RAM), in use, on at boot", List.of(new Step.Run(
          "umask 077\n"
              + "fallocate -l " + bytes + " " + path + " || dd if=/dev/zero of=" + path + " bs=1M count="
              + mib(bytes) + " status=none\n"
              + "chmod 600 " + path + "\n"
              + "mkswap " + path + " >/dev/null\n"
              + "swapon " + path + "\n"))));
    } else {
      long size = facts.fileBytes().getAsLong();
      checks.add(CheckResult.of(name + " size", Math.abs(size - bytes) <= bytes / 10, mib(bytes) + " MiB (RAM)",
          mib(size) + " MiB" + (Math.abs(size - bytes) <= bytes / 10 ? "" : ": resize it by hand (swapoff, remove, apply)")));
      if (!facts.active()) {
        changes.add(Change.update(name + " in use", "off", "on", List.of(new Step.Run("swapon " + path + "\n"))));
      }
    }
    if (!facts.inFstab()) {
      changes.add(Change.add("/etc/fstab entry of " + desired.path(), "on at boot", List.of(new Step.Run(
          "printf '%s none swap sw 0 0\\n' " + path + " >> /etc/fstab\n"))));
    }
    return new ModulePlan(changes, checks).withReadings(readings);
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
