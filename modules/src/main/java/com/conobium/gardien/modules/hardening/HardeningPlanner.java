package com.conobium.gardien.modules.hardening;

import com.conobium.gardien.modules.hardening.HardeningFacts.LiveValue;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares the desired hardening with the facts. Pure. Changes, in apply order:
 *
 * <ol>
 *   <li>each of Gardien's hardening files that is missing or differs — the sysctl file's change
 *       also sets the live value of every parameter this system may set;
 *   <li>otherwise, the live kernel parameters that differ from the file (set by hand, or by a
 *       package's own sysctl.d file read after Gardien's);
 *   <li>Gardien's files of settings the manifest turned off, removed.
 * </ol>
 *
 * A parameter this system may not set (the kernel's own, in a container) is written to the file
 * and not compared: the host decides it.
 */
final class HardeningPlanner {
  static final String LIVE_RESOURCE = "sysctl live values";

  ModulePlan plan(HardeningDesired desired, HardeningFacts facts) {
    if (!desired.enabled()) {
      return ModulePlan.of(List.of());
    }
    List<Change> changes = new ArrayList<>();
    Step setLive = setLive(desired.sysctl());
    boolean sysctlFileChanges = false;
    for (Step.PutFile file : desired.files()) {
      FileFacts actual = facts.file(file.path());
      if (actual.matches(file)) {
        continue;
      }
      List<Step> steps = file.path().equals(HardeningFiles.SYSCTL) ? List.of(file, setLive) : List.of(file);
      sysctlFileChanges |= file.path().equals(HardeningFiles.SYSCTL);
      String resource = "file " + file.path();
      String after = describe(file);
      changes.add(actual.exists()
          ? Change.update(resource, actual.contentMatches(file.content()) ? actual.attributes() : "edited or Debian's", after, steps)
          : Change.add(resource, after, steps));
    }
    if (!sysctlFileChanges) {
      Map<String, String> differ = differing(desired.sysctl(), facts);
      if (!differ.isEmpty()) {
        String before = differ.keySet().stream()
            .map(key -> key + "=" + facts.sysctl().get(key).value())
            .collect(Collectors.joining(", "));
        String after = differ.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
        // a forwarding parameter rewrites accept_redirects: then every parameter is set again
        boolean forwarding = differ.keySet().stream().anyMatch(HardeningFiles::forwarding);
        changes.add(Change.update(LIVE_RESOURCE, before, after,
            List.of(setLive(forwarding ? desired.sysctl() : differ))));
      }
    }
    for (String path : desired.absent()) {
      if (facts.file(path).exists()) {
        changes.add(Change.remove("file " + path, "Gardien's, of a setting now off",
            List.of(new Step.Run("rm -f " + Shell.quote(path) + "\n"))));
      }
    }
    return ModulePlan.of(changes);
  }

  /** The parameters this system may set whose live value is not the desired one. */
  static Map<String, String> differing(Map<String, String> sysctl, HardeningFacts facts) {
    Map<String, String> differ = new java.util.TreeMap<>();
    sysctl.forEach((key, value) -> {
      LiveValue live = facts.sysctl().get(key);
      if (live != null && live.writable() && live.value() != null && !live.value().equals(value)) {
        differ.put(key, value);
      }
    });
    return differ;
  }

  /**
   * Sets each parameter this system may set (the others are the host's, in a container), the
   * forwarding ones first ({@link HardeningFiles#ordered}).
   */
  static Step setLive(Map<String, String> sysctl) {
    StringBuilder script = new StringBuilder();
    HardeningFiles.ordered(sysctl).forEach((key, value) -> script
        .append("if [ -w ").append(Shell.quote("/proc/sys/" + key.replace('.', '/'))).append(" ]; then sysctl -q -w ")
        .append(Shell.quote(key + "=" + value)).append("; fi\n"));
    return new Step.Run(script.toString());
  }

  private static String describe(Step.PutFile file) {
    return switch (file.path()) {
      case HardeningFiles.SYSCTL -> "Gardien's kernel and network parameters";
      case HardeningFiles.CORE_LIMITS, HardeningFiles.CORE_SYSTEMD -> "no core dumps";
      case HardeningFiles.ISSUE, HardeningFiles.ISSUE_NET -> "the manifest's login banner";
      case HardeningFiles.SHELL_TIMEOUT -> "idle shells time out";
      case HardeningFiles.MODPROBE -> "unused kernel modules refused";
      case HardeningFiles.NEEDRESTART -> "needrestart lists, never restarts";
      default -> "Gardien's";
    };
  }
}
