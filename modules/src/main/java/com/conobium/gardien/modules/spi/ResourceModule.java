package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A resource Gardien manages on a server, split the way the Java Operator SDK splits a dependent
 * resource: what is desired, what is actual (facts), how they differ (plan) — and the changes it
 * plans carry the steps that apply them.
 *
 * <p>Everything here is pure: a module never opens a connection. The engine runs every module's
 * {@link #probe probe} in one remote exec, hands each module its own section of the output, and
 * applies the {@link Change changes} it plans. A new module is a new package plus one registration
 * in {@code BuiltinResourceModules}; the engine does not change. Modules extend {@link ProbedModule},
 * which holds the wiring they share.
 *
 * @param <D> the module's desired state, derived from the server's manifest
 * @param <F> the module's facts, parsed from its probe's output
 */
public interface ResourceModule<D, F> {

  /** Short unique name, used in plans, logs and metrics (e.g. {@code packages}). */
  String name();

  /**
   * The Debian packages this module needs on a server whose effective spec is {@code spec} (none
   * by default). The packages module installs them, with the manifest's own, in its one apt run;
   * a module that declares packages names {@code packages} in {@link #after()}.
   */
  default Set<String> packages(com.conobium.gardien.model.ServerSpec spec) {
    return Set.of();
  }

  /**
   * What this module's resources imply on a server whose effective spec is {@code spec} in
   * {@code fleet} — units active, inbound ports, fail2ban jails — which the monthly maintenance
   * verifies (nothing by default). Pure.
   */
  default Expectations expectations(com.conobium.gardien.model.ServerSpec spec,
      com.conobium.gardien.model.FleetSpec fleet) {
    return Expectations.NONE;
  }

  /**
   * Names of the modules whose changes must be applied before this module's, as their
   * {@link #name()} gives them: a module names another by that word only, never by its class, so
   * no module's package imports another's; the engine refuses a name no registered module has.
   */
  default Set<String> after() {
    return Set.of();
  }

  /** The desired state for one server. */
  D desired(Target target);

  /**
   * A POSIX shell snippet that prints this module's facts as one JSON value on standard output.
   * It runs as root with the helpers of {@link ProbeShell#PRELUDE} defined, and must not change
   * anything on the server.
   */
  String probe(D desired);

  /** Parses the JSON the probe printed. */
  F facts(JsonNode probeOutput) throws FactsException;

  /** The changes that bring {@code facts} to {@code desired}, and the results of checks. Pure. */
  ModulePlan plan(D desired, F facts);
}
