package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import jakarta.inject.Inject;
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

  @Inject
  FleetCommandRunner(
      RepoReader reader, ReconcilerFactory reconcilers, Printer printer, SecretStore secrets) {
    this.reader = reader;
    this.reconcilers = reconcilers;
    this.printer = printer;
    this.secrets = secrets;
  }

  int run(CommandSpec spec, FleetOptions fleet, OutputFormat format, String command, ServerStep step) {
    ConfigRepo repo;
    try {
      repo = reader.read(fleet.repo);
    } catch (InvalidConfigException e) {
      printer.invalid(format, fleet.repo, e.problems());
      return ExitCode.INVALID_CONFIG;
    }
    var servers = FleetRun.select(spec, repo, fleet.servers);
    try (ReconcilerFactory.Session session = reconcilers.open(fleet, repo)) {
      List<ServerOutcome> outcomes =
          FleetRun.run(repo, servers, fleet.parallel, secrets, session.controllerKeys(),
              t -> step.run(session, t));
      printer.outcomes(format, command, outcomes);
      return FleetRun.exitCode(outcomes);
    } catch (SecretStoreException e) {
      printer.error(e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  Printer printer() {
    return printer;
  }
}
