package com.conobium.gardien.reconciler.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Option(names = "--changed-since", paramLabel = "REV",
      description = "Only the servers whose effective manifest (or the fleet settings) changed since "
          + "this Git revision of the repository, e.g. origin/main in a pull request. "
          + "With --format markdown, a comment ready to post.")
  String changedSince;

  @Option(names = "--without-secrets",
      description = "Plan without the secret store (a pull request's CI job): secret values are not compared, "
          + "nothing is read or written there. Implied when $GARDIEN_HOME has no secret.key.")
  boolean withoutSecrets;

  private final FleetCommandRunner runner;

  @Inject
  PlanCommand(FleetCommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public Integer call() {
    boolean blind = withoutSecrets || !java.nio.file.Files.exists(runner.secretKey());
    return runner.run(spec, fleet, output.format(), "plan", changedSince, blind,
        (session, target) -> session.reconciler().plan(target));
  }
}
