package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code upgrades}: {@code apt-get update}, then a full upgrade that answers no prompt, keeps the
 * local configuration files and waits for a dpkg lock instead of breaking it; every package whose
 * version changed is listed with both versions. A reboot is needed when
 * {@code /run/reboot-required} exists or a newer kernel than the running one is installed; the
 * result says so ({@link #rebootNeeded}) and the runner reboots when the manifest allows it.
 */
final class Upgrades extends ScriptOperation {
  static final String NAME = "upgrades";

  Upgrades() {
    super(NAME, "upgrades.sh", "apt.sh");
  }

  @Override
  public boolean changes() {
    return true;
  }

  @Override
  String variables(MaintenanceContext context) {
    return dryRun(context);
  }

  /** Whether the result says the server needs a reboot. */
  static boolean rebootNeeded(OperationResult result) {
    return result.details().path("reboot").path("needed").asBoolean(false);
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("dryRun", context.dryRun());
    ObjectNode reboot = reboot(s.text("reboot"));
    details.set("reboot", reboot);
    int update = AptSimulation.status(s.text("update"));
    if (update != 0) {
      details.set("messages", strings(AptSimulation.messages(s.text("update"))));
      return OperationResult.failed(NAME, "apt-get update failed" + first(AptSimulation.messages(s.text("update"))),
          details);
    }
    List<AptSimulation.Step> planned = AptSimulation.parse(s.text("simulate"));
    if (context.dryRun()) {
      details.set("packages", packages(planned));
      return OperationResult.ok(NAME, planned.isEmpty() ? "nothing to upgrade"
          : planned.size() + " package(s) would be upgraded", details);
    }
    int upgrade = AptSimulation.status(s.text("upgrade"));
    ArrayNode changed = changed(s.text("changed"));
    details.set("packages", changed);
    String audit = s.text("audit-after").strip();
    if (upgrade != 0 || !audit.isEmpty()) {
      details.set("messages", strings(AptSimulation.messages(s.text("upgrade"))));
      if (!audit.isEmpty()) {
        details.put("dpkgAudit", audit);
      }
      return OperationResult.failed(NAME, upgrade != 0
          ? "apt-get full-upgrade failed (exit " + upgrade + ")" + first(AptSimulation.messages(s.text("upgrade")))
          : "dpkg reports unfinished packages after the upgrade", details);
    }
    String what = changed.isEmpty() ? "nothing to upgrade" : changed.size() + " package(s) upgraded";
    if (reboot.path("needed").asBoolean()) {
      return OperationResult.warning(NAME, what + "; a reboot is needed (" + reboot.path("why").asText() + ")", details);
    }
    return OperationResult.ok(NAME, what, details);
  }

  private static ObjectNode reboot(String section) {
    ObjectNode reboot = JsonNodeFactory.instance.objectNode();
    String why = null;
    for (String line : section.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f[0].equals("required")) {
        why = "/run/reboot-required" + (f.length > 1 ? " by " + String.join(" ", List.of(f).subList(1, f.length)) : "");
      } else if (f[0].equals("kernel") && f.length == 3) {
        reboot.put("runningKernel", f[1]);
        if (!f[2].equals("-")) {
          reboot.put("newestKernel", f[2]);
          if (!f[2].equals(f[1]) && VersionOrder.compare(f[2], f[1]) > 0 && why == null) {
            why = "kernel " + f[2] + " installed, " + f[1] + " running";
          }
        }
      }
    }
    reboot.put("needed", why != null);
    if (why != null) {
      reboot.put("why", why);
    }
    return reboot;
  }

  /** {@code NAME OLD NEW} lines ({@code -} for none) as package objects. */
  static ArrayNode changed(String section) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (String line : section.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 3) {
        ObjectNode p = list.addObject();
        p.put("name", f[0]);
        p.put("from", f[1].equals("-") ? null : f[1]);
        p.put("to", f[2].equals("-") ? null : f[2]);
      }
    }
    return list;
  }

  private static ArrayNode packages(List<AptSimulation.Step> steps) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (AptSimulation.Step step : steps) {
      ObjectNode p = list.addObject();
      p.put("name", step.name());
      p.put("from", step.from());
      p.put("to", step.to());
    }
    return list;
  }

  static ArrayNode strings(List<String> lines) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    lines.forEach(list::add);
    return list;
  }

  /** The first error of apt's messages (its warnings when there is none), for the reason. */
  private static String first(List<String> messages) {
    return messages.stream().filter(m -> m.startsWith("E:")).findFirst()
        .or(() -> messages.stream().findFirst()).map(m -> ": " + m).orElse("");
  }
}
