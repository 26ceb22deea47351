package com.conobium.gardien.modules.hardening;

import com.conobium.gardien.model.HardeningSpec;
import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders the hardening section of a spec as the files Gardien keeps. Pure. */
final class HardeningFiles {
  static final String SYSCTL = "/etc/sysctl.d/60-gardien-hardening.conf";
  static final String CORE_LIMITS = "/etc/security/limits.d/60-gardien-no-core-dumps.conf";
  static final String CORE_SYSTEMD = "/etc/systemd/coredump.conf.d/60-gardien-no-core-dumps.conf";
  static final String ISSUE = "/etc/issue";
  static final String ISSUE_NET = "/etc/issue.net";
  static final String SHELL_TIMEOUT = "/etc/profile.d/gardien-shell-timeout.sh";
  static final String MODPROBE = "/etc/modprobe.d/gardien-hardening.conf";
  static final String NEEDRESTART = "/etc/needrestart/conf.d/60-gardien.conf";

  private static final String HEADER = "# Managed by Gardien from the server's manifest (hardening: ...): edits here are reverted.\n";

  private HardeningFiles() {}

  static HardeningDesired desired(HardeningSpec spec) {
    if (!spec.enabled()) {
      return new HardeningDesired(false, List.of(), Set.of(), Map.of());
    }
    List<Step.PutFile> files = new ArrayList<>();
    Set<String> absent = new LinkedHashSet<>();
    Map<String, String> sysctl = new LinkedHashMap<>();
    ordered(spec.sysctl()).forEach((key, value) -> {
      if (!value.isBlank()) {
        sysctl.put(key, HardeningFacts.normal(value));
      }
    });
    files.add(Step.PutFile.of(SYSCTL, sysctlFile(sysctl)));
    if (spec.coreDumps()) {
      absent.add(CORE_LIMITS);
      absent.add(CORE_SYSTEMD);
    } else {
      files.add(Step.PutFile.of(CORE_LIMITS, HEADER + "# No process writes a core dump (hardening.coreDumps: false).\n"
          + "*    soft    core    0\n*    hard    core    0\n"));
      files.add(Step.PutFile.of(CORE_SYSTEMD, HEADER + "[Coredump]\nStorage=none\nProcessSizeMax=0\n"));
    }
    if (!spec.banner().isBlank()) {
      String banner = spec.banner().strip() + "\n";
      files.add(Step.PutFile.of(ISSUE, banner));
      files.add(Step.PutFile.of(ISSUE_NET, banner));
    }
    long seconds = ManifestDuration.parse(spec.shellTimeout()).toSeconds();
    if (seconds > 0) {
      files.add(Step.PutFile.of(SHELL_TIMEOUT, HEADER
          + "# Idle interactive shells end after " + spec.shellTimeout() + " (hardening.shellTimeout).\n"
          + "if [ \"${TMOUT:-}\" != " + seconds + " ]; then\n"
          + "  TMOUT=" + seconds + "\n"
          + "  readonly TMOUT\n"
          + "  export TMOUT\n"
          + "fi\n"));
    } else {
      absent.add(SHELL_TIMEOUT);
    }
    if (spec.disabledKernelModules().isEmpty()) {
      absent.add(MODPROBE);
    } else {
      StringBuilder modprobe = new StringBuilder(HEADER)
          .append("# Kernel modules that may not be loaded (hardening.disabledKernelModules).\n");
      for (String module : spec.disabledKernelModules()) {
        modprobe.append("blacklist ").append(module).append('\n')
            .append("install ").append(module).append(" /bin/false\n");
      }
      files.add(Step.PutFile.of(MODPROBE, modprobe.toString()));
    }
    if (spec.tools().contains("needrestart")) {
      files.add(Step.PutFile.of(NEEDRESTART, HEADER
          + "# List the services left on old libraries after an upgrade, never restart them in the\n"
          + "# middle of Gardien's apt run: restarts belong to the maintenance window.\n"
          + "$nrconf{restart} = 'l';\n"));
    } else {
      absent.add(NEEDRESTART);
    }
    return new HardeningDesired(true, files, absent, sysctl);
  }

  /**
   * {@code sysctl} with the forwarding parameters first, the others in their order: writing
   * {@code net.ipv4.conf.*.forwarding} makes the kernel set {@code accept_redirects} to its
   * opposite, so it must come before any {@code accept_redirects} (at boot as when Gardien sets them).
   */
  static Map<String, String> ordered(Map<String, String> sysctl) {
    Map<String, String> ordered = new LinkedHashMap<>();
    sysctl.forEach((key, value) -> {
      if (forwarding(key)) {
        ordered.put(key, value);
      }
    });
    sysctl.forEach((key, value) -> {
      if (!forwarding(key)) {
        ordered.put(key, value);
      }
    });
    return ordered;
  }

  /** Whether {@code key} is a forwarding parameter, whose writing rewrites accept_redirects. */
  static boolean forwarding(String key) {
    return key.endsWith(".forwarding") || key.equals("net.ipv4.ip_forward");
  }

  static String sysctlFile(Map<String, String> sysctl) {
    StringBuilder text = new StringBuilder(HEADER)
        .append("# Read at boot by systemd-sysctl; in a container the host's kernel keeps its own kernel.*, fs.* and dev.*.\n");
    sysctl.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
    return text.toString();
  }


}
