package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code plan} and {@code apply} share: read and validate the repository (nothing reaches a
 * server when it is invalid), select the servers, run one step on each through SSH, print the
 * outcomes and turn them into the exit status. Modules see each server's secrets from the store.
 */
final class FleetCommandRunner {
  /** The step a command runs on each server. */
  @FunctionalInterface
  interface ServerStep {
    ServerOutcome run(ReconcilerFactory.Session session, Target target);
  }

  private final RepoReader reader;
  private final ReconcilerFactory reconcilers;
  private final Printer printer;
  private final SecretStore secrets;
  private final StateAccess state;
  private final Timings timings;

  @Inject
  FleetCommandRunner(RepoReader reader, ReconcilerFactory reconcilers, Printer printer, SecretStore secrets,
      StateAccess state, Timings timings) {
    this.reader = reader;
    this.reconcilers = reconcilers;
    this.printer = printer;
    this.secrets = secrets;
    this.state = state;
    this.timings = timings;
  }

  int run(CommandSpec spec, FleetOptions fleet, OutputFormat format, String command, ServerStep step) {
    return run(spec, fleet, format, command, null, step);
  }

  /**
   * @param changedSince when not null, only the servers whose effective spec changed since this
   *     Git revision run (the {@code --server} names must then be empty)
   */
  int run(CommandSpec spec, FleetOptions fleet, OutputFormat format, String command, String changedSince,
      ServerStep step) {
    return run(spec, fleet, format, command, changedSince, false, step);
  }

  /**
   * @param changedSince when not null, only the servers whose effective spec changed since this
   *     Git revision run (the {@code --server} names must then be empty)
   * @param withoutSecrets whether to plan without the secret store: stand-in values, nothing read
   *     or written there (also when it has no key: a plan never creates one)
   */
  int run(CommandSpec spec, FleetOptions fleet, OutputFormat format, String command, String changedSince,
      boolean withoutSecrets, ServerStep step) {
    if (!withoutSecrets) {
      state.openAhead(); // the secrets are in it: opened while the repository is read and the servers connected
    }
    ConfigRepo repo;
    long reading = System.nanoTime();
    try {
      repo = reader.read(fleet.repo);
      timings.add(null, "config load and validation", System.nanoTime() - reading);
    } catch (InvalidConfigException e) {
      if (format == OutputFormat.markdown) {
        printer.raw(MarkdownReport.invalid(command, e.problems()));
      } else {
        printer.invalid(format, fleet.repo, e.problems());
      }
      return ExitCode.INVALID_CONFIG;
    }
    List<Server> servers;
    ChangedServers.Result changes = null;
    if (changedSince != null) {
      if (!fleet.servers.isEmpty()) {
        printer.error("--changed-since and --server cannot be combined");
        return ExitCode.USAGE;
      }
      try {
        changes = new ChangedServers().since(fleet.repo, changedSince, repo);
      } catch (IOException e) {
        printer.error("--changed-since " + changedSince + ": " + e.getMessage());
        return ExitCode.USAGE;
      }
      servers = changes.changed();
    } else {
      servers = FleetRun.select(spec, repo, fleet.servers);
    }
    if (servers.isEmpty()) {
      print(format, command, List.of(), changes);
      return ExitCode.OK;
    }
    ConnectionSettings connection = withoutSecrets ? fleet.connection().readingOnly() : fleet.connection();
    ReconcilerFactory.Session session = timings.time("ssh client start (keys, known hosts)", () -> reconcilers.open(connection));
    try {
      Targets targets = timings.time("targets", () -> withoutSecrets
          ? Targets.withoutSecrets(session.controllerKeys())
          : new Targets(secrets, session.controllerKeys()));
      List<ServerOutcome> outcomes = FleetRun.run(repo, servers, fleet.parallel, targets, t -> {
        long started = System.nanoTime();
        ServerOutcome outcome = step.run(session, t);
        timings.serverDone(t.server().name(), System.nanoTime() - started);
        return outcome;
      });
      ChangedServers.Result changed = changes;
      timings.run("printing the result", () -> print(format, command, outcomes, changed, withoutSecrets));
      return FleetRun.exitCode(outcomes);
    } finally {
      timings.run("ssh disconnect", session::close);
    }
  }

  /** The secret store's key, whose absence means there is no store to plan with. */
  java.nio.file.Path secretKey() {
    return secrets.keyFile();
  }

  private void print(OutputFormat format, String command, List<ServerOutcome> outcomes,
      ChangedServers.Result changes) {
    print(format, command, outcomes, changes, false);
  }

  private void print(OutputFormat format, String command, List<ServerOutcome> outcomes,
      ChangedServers.Result changes, boolean withoutSecrets) {
    if (format == OutputFormat.markdown) {
      printer.raw(MarkdownReport.outcomes(command, outcomes, changes, withoutSecrets));
    } else {
      if (withoutSecrets && format == OutputFormat.text) {
        printer.note("(planned without the secret store: secret values are not compared, stored certificates"
            + " not checked)");
      }
      printer.outcomes(format, command, outcomes);
    }
  }

  Printer printer() {
    return printer;
  }
}
