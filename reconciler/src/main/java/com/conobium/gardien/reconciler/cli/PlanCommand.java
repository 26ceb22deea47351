package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gardien plan [REPO_DIR] [--server NAME…]}. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what apply would change on each server. Changes nothing.",
      "Per server and resource: + add, ~ change, - remove, with old and new values",
      "(secrets masked), and the results of checks."
    })
final class PlanCommand implements Callable<Integer> {
  @Mixin FleetOptions fleet;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final RepoReader reader;
  private final ReconcilerFactory reconcilers;
  private final Printer printer;
  private final SecretStore secrets;

  @Inject
  PlanCommand(
      RepoReader reader, ReconcilerFactory reconcilers, Printer printer, SecretStore secrets) {
    this.secrets = secrets;
    this.reader = reader;
    this.reconcilers = reconcilers;
    this.printer = printer;
  }

  @Override
  public Integer call() {
    ConfigRepo repo;
    try {
      repo = reader.read(fleet.repo);
    } catch (InvalidConfigException e) {
      printer.invalid(output.format(), fleet.repo, e.problems());
      return ExitCode.INVALID_CONFIG;
    }
    var servers = FleetRun.select(spec, repo, fleet.servers);
    try (ReconcilerFactory.Session session = reconcilers.open(fleet, repo)) {
      List<ServerOutcome> outcomes =
          FleetRun.run(repo, servers, fleet.parallel, secrets, t -> session.reconciler().plan(t));
      printer.outcomes(output.format(), "plan", outcomes);
      return FleetRun.exitCode(outcomes);
    } catch (SecretStoreException e) {
      printer.error(e.getMessage());
      return ExitCode.FAILURE;
    }
  }
}
