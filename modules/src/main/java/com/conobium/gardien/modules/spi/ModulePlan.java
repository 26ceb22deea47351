package com.conobium.gardien.modules.spi;

import java.util.List;

/**
 * What one module found on one server: the changes that would converge it, the results of its
 * checks (a failed check is reported, never fixed), and the {@link Reading readings} the daemon
 * exports as metrics (e.g. a certificate's expiry), all derived from the facts.
 */
public record ModulePlan(List<Change> changes, List<CheckResult> checks, List<Reading> readings) {
  public ModulePlan {
    changes = List.copyOf(changes);
    checks = List.copyOf(checks);
    readings = List.copyOf(readings);
  }

  /** A plan without readings. */
  public ModulePlan(List<Change> changes, List<CheckResult> checks) {
    this(changes, checks, List.of());
  }

  /** The same plan with {@code readings}. */
  public ModulePlan withReadings(List<Reading> readings) {
    return new ModulePlan(changes, checks, readings);
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
