package com.conobium.gardien.modules.spi;

import java.util.List;

/**
 * What one module found on one server: the changes that would converge it, and the results of its
 * checks (a failed check is reported, never fixed).
 */
public record ModulePlan(List<Change> changes, List<CheckResult> checks) {
  public ModulePlan {
    changes = List.copyOf(changes);
    checks = List.copyOf(checks);
  }

  public static ModulePlan of(List<Change> changes) {
    return new ModulePlan(changes, List.of());
  }

  public static ModulePlan checksOnly(List<CheckResult> checks) {
    return new ModulePlan(List.of(), checks);
  }

  public boolean hasDrift() {
    return !changes.isEmpty();
  }

  public boolean hasFailedChecks() {
    return checks.stream().anyMatch(c -> !c.passed());
  }
}
