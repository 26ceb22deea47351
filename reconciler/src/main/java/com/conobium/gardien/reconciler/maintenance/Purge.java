package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.modules.spi.Shell;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code purge}: removes the packages nothing needs any more ({@code apt-get autoremove --purge})
 * and purges the configuration packages removed earlier left behind (dpkg's {@code rc} state).
 * The packages the manifest installs are marked manually installed first, so autoremove never
 * takes one of them. Every package removed is listed, and checked gone afterwards.
 */
final class Purge extends ScriptOperation {
  static final String NAME = "purge";

  Purge() {
    super(NAME, "purge.sh", "apt.sh");
  }

  @Override
  public boolean changes() {
    return true;
  }

  @Override
  String variables(MaintenanceContext context) {
    return dryRun(context)
        + "KEEP=" + Shell.quote(String.join(" ", new TreeSet<>(context.manifestPackages()))) + "\n";
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    Set<String> keep = context.manifestPackages();
    List<String> unused = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (AptSimulation.Step step : AptSimulation.parse(s.text("simulate"))) {
      (keep.contains(step.name()) ? kept : unused).add(step.name());
    }
    List<String> residual = s.text("residual").lines().map(l -> l.strip().split("\\s+")[0])
        .filter(n -> !n.isEmpty()).toList();
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("dryRun", context.dryRun());
    details.set("unused", Upgrades.strings(unused));
    details.set("residualConfig", Upgrades.strings(residual));
    if (!kept.isEmpty()) {
      details.set("keptForTheManifest", Upgrades.strings(kept));
    }
    int count = unused.size() + residual.size();
    if (context.dryRun()) {
      return OperationResult.ok(NAME, count == 0 ? "nothing to purge"
          : unused.size() + " unused package(s) and " + residual.size() + " left configuration(s) would be purged",
          details);
    }
    int autoremove = AptSimulation.status(s.text("autoremove"));
    int purge = AptSimulation.status(s.text("residual-purge"));
    Set<String> left = new TreeSet<>(s.text("left").lines().map(String::strip).toList());
    List<String> removed = new ArrayList<>(unused);
    removed.addAll(residual);
    List<String> stillThere = removed.stream().filter(left::contains).toList();
    List<String> gone = List.copyOf(new TreeSet<>(removed.stream().filter(p -> !left.contains(p)).toList()));
    details.set("purged", Upgrades.strings(gone));
    if (autoremove != 0 || purge != 0 || !stillThere.isEmpty()) {
      details.set("messages", Upgrades.strings(AptSimulation.messages(s.text("autoremove"))));
      details.set("notPurged", Upgrades.strings(stillThere));
      return OperationResult.failed(NAME, autoremove != 0 ? "apt-get autoremove --purge failed (exit " + autoremove + ")"
          : purge != 0 ? "dpkg --purge of the left configurations failed (exit " + purge + ")"
          : "still installed after the purge: " + String.join(", ", stillThere), details);
    }
    return OperationResult.ok(NAME, count == 0 ? "nothing to purge" : gone.size() + " package(s) purged: "
        + String.join(", ", gone), details);
  }
}
