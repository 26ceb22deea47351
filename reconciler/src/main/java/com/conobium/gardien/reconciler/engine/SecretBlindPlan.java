package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the two plans of one server made from the same facts under two sets of
 * {@link StandInSecrets}: what both plan alike does not depend on a secret and stands; what they
 * plan differently does, and is reported as not compared instead of as a change. A resource that
 * is missing altogether ({@code +} in both) is a change whatever its secret value. Pure.
 */
final class SecretBlindPlan {
  private SecretBlindPlan() {}

  static List<ModuleOutcome> merge(List<ModuleOutcome> first, List<ModuleOutcome> second) {
    List<ModuleOutcome> merged = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      merged.add(merge(first.get(i), second.get(i)));
    }
    return merged;
  }

  private static ModuleOutcome merge(ModuleOutcome a, ModuleOutcome b) {
    if (a.status() == Status.FAILED) {
      return a;
    }
    List<Change> kept = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();
    for (Change change : a.changes()) {
      if (b.changes().contains(change) || (change.action() == Change.Action.ADD && added(b, change.resource()))) {
        kept.add(change);
      } else {
        notCompared.add(change.resource());
      }
    }
    return new ModuleOutcome(a.module(), kept, a.checks(), kept.isEmpty() ? Status.IN_SYNC : Status.DRIFT, null,
        0, a.readings(), notCompared);
  }

  private static boolean added(ModuleOutcome b, String resource) {
    return b.changes().stream().anyMatch(c -> c.action() == Change.Action.ADD && c.resource().equals(resource));
  }
}
