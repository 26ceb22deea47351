package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.Reading;
import java.util.List;

/**
 * What the engine found, and did, for one module on one server.
 *
 * @param module the module's name
 * @param changes the changes planned (for a plan) or still needed before apply (for an apply)
 * @param checks results of the module's checks
 * @param status where the module stands
 * @param error why the module failed or was skipped; null otherwise
 * @param applied how many changes were applied
 * @param readings what the module read from the server's latest facts, for the daemon's metrics;
 *     empty when its facts could not be read
 * @param notCompared resources whose comparison needs a secret, in a plan made without the secret
 *     store; empty otherwise
 */
public record ModuleOutcome(
    String module,
    List<Change> changes,
    List<CheckResult> checks,
    Status status,
    String error,
    int applied,
    List<Reading> readings,
    List<String> notCompared) {
  public ModuleOutcome {
    changes = List.copyOf(changes);
    checks = List.copyOf(checks);
    readings = List.copyOf(readings);
    notCompared = List.copyOf(notCompared);
  }

  /** An outcome with every comparison made (the secret store at hand). */
  public ModuleOutcome(String module, List<Change> changes, List<CheckResult> checks, Status status, String error,
      int applied, List<Reading> readings) {
    this(module, changes, checks, status, error, applied, readings, List.of());
  }

  /** An outcome without readings. */
  public ModuleOutcome(
      String module, List<Change> changes, List<CheckResult> checks, Status status, String error, int applied) {
    this(module, changes, checks, status, error, applied, List.of());
  }

  /** Where a module stands after a plan or an apply. */
  public enum Status {
    /** Nothing to change. */
    IN_SYNC,
    /** Changes are needed (plan) . */
    DRIFT,
    /** Changes were applied and the module was verified in sync afterwards. */
    CONVERGED,
    /** Facts could not be read, a change failed, or drift remained after apply. */
    FAILED,
    /** Not applied because a module it depends on failed. */
    SKIPPED
  }

  public boolean hasFailedChecks() {
    return checks.stream().anyMatch(c -> !c.passed());
  }
}
