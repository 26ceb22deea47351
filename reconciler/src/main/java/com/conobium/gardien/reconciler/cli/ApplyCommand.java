package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.engine.ApplyListener;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gardien apply [REPO_DIR] [--server NAME…]}. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Converges servers to their manifests.",
      "Plans, applies each change in module order showing progress, and verifies every",
      "changed module by probing it again. Then orders the ACME certificates sites are due",
      "for (none yet, expiring within 30 days, domains changed) and deploys them."
    })
final class ApplyCommand implements Callable<Integer> {
  @Mixin FleetOptions fleet;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final FleetCommandRunner runner;
  private final CertificateApply certificates;

  @Inject
  ApplyCommand(FleetCommandRunner runner, CertificateApply certificates) {
    this.runner = runner;
    this.certificates = certificates;
  }

  @Override
  public Integer call() {
    ApplyListener progress = runner.printer().progress(output.format());
    return runner.run(spec, fleet, output.format(), "apply", (session, target) ->
        certificates.afterApply(session, target, session.reconciler().apply(target, progress), progress));
  }
}
