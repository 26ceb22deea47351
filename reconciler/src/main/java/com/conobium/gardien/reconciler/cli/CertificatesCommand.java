package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.tls.CertificateStep;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gardien certificates issue [REPO_DIR] [--server NAME…] [--site NAME]}. */
@Command(
    name = "certificates",
    mixinStandardHelpOptions = true,
    description = "Sites' TLS certificates.",
    subcommands = {CertificatesCommand.Issue.class})
final class CertificatesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: issue");
  }

  /** Orders ACME certificates now and deploys them. */
  @Command(
      name = "issue",
      mixinStandardHelpOptions = true,
      description = {
        "Orders the ACME certificates that are due (none yet, expiring within 30 days, domains",
        "changed) — or, with --site, that site's certificate whether due or not — and deploys",
        "them. The server must already serve the ACME webroot on port 80 (gardien apply)."
      })
  static final class Issue implements Callable<Integer> {
    @Mixin FleetOptions fleet;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Option(names = "--site", paramLabel = "NAME", description = "Only this site, ordered even when not due.")
    String site;

    private final FleetCommandRunner runner;
    private final CertificateApply certificates;
    private final CertificateStep step;

    @Inject
    Issue(FleetCommandRunner runner, CertificateApply certificates, CertificateStep step) {
      this.runner = runner;
      this.certificates = certificates;
      this.step = step;
    }

    @Override
    public Integer call() {
      ApplyListener progress = runner.printer().progress(output.format());
      return runner.run(spec, fleet, output.format(), "certificates issue", (session, target) -> {
        List<CertificateStep.Due> due = new ArrayList<>(step.due(target));
        ServerOutcome none = new ServerOutcome(target.server().name(), List.of(), null, 0, Duration.ZERO);
        if (site != null) {
          var acmeSite = target.spec().sites().stream()
              .filter(s -> s.name().equals(site) && "acme".equals(s.tls().mode()))
              .findFirst();
          if (acmeSite.isEmpty()) {
            return new ServerOutcome(none.server(), List.of(new ModuleOutcome(CertificateOutcomes.MODULE, List.of(),
                List.of(), ModuleOutcome.Status.FAILED, "no site " + site + " with tls mode acme on this server", 0)),
                null, 0, Duration.ZERO);
          }
          due.removeIf(d -> !d.site().name().equals(site));
          if (due.isEmpty()) {
            due.add(new CertificateStep.Due(acmeSite.get(), "renewal requested"));
          }
        }
        return certificates.order(session, target, none, due, progress);
      });
    }
  }
}
