package com.conobium.gardien.reconciler.engine;

import java.time.Duration;
import java.util.List;

/**
 * The result of planning or applying one server.
 *
 * @param server the server's name
 * @param modules one outcome per module, in apply order; empty when the server was unreachable
 * @param error why the server could not be handled at all (connection, host key); null otherwise
 * @param roundTrips how many remote commands the run needed
 * @param duration how long it took
 */
public record ServerOutcome(
    String server, List<ModuleOutcome> modules, String error, int roundTrips, Duration duration) {
  public ServerOutcome {
    modules = List.copyOf(modules);
  }

  public boolean unreachable() {
    return error != null;
  }

  public boolean hasDrift() {
    return modules.stream().anyMatch(m -> m.status() == ModuleOutcome.Status.DRIFT);
  }

  public boolean hasFailures() {
    return unreachable()
        || modules.stream()
            .anyMatch(
                m ->
                    m.status() == ModuleOutcome.Status.FAILED
                        || m.status() == ModuleOutcome.Status.SKIPPED);
  }

  public boolean hasFailedChecks() {
    return modules.stream().anyMatch(ModuleOutcome::hasFailedChecks);
  }
}
