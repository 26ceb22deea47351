package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.MaintenanceSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.maintenance.Maintenance;
import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.maintenance.MaintenanceRunner;
import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.maintenance.Reboot;
import com.conobium.gardien.reconciler.maintenance.Verdict;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gardien maintain SERVER… [--only OPS] [--dry-run]}: the monthly maintenance now, server
 * after server (the first one a canary: when its upgrades fail, the others' are held), each result
 * printed as it comes, every run stored in the state database.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the monthly maintenance now (docs/maintenance.md): upgrades, purge, raid, smart, diskSpace,",
      "fail2ban, services, portScan, errorLogs, backups — those of each server's maintenance.checks.",
      "Servers are done one after the other; when the first one's upgrades fail, the others' are held.",
      "Exit status 0 when nothing failed, 5 when an operation failed, 6 when a server could not be reached."
    })
final class MaintainCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "SERVER", description = "The servers to maintain.")
  List<String> servers;

  @Mixin RepoOptions repository;

  @Option(names = "--only", split = ",", paramLabel = "OPERATION",
      description = "Only these operations (comma-separated), among each server's maintenance.checks.")
  List<String> only = new ArrayList<>();

  @Option(names = "--dry-run", description = "Upgrades and purge only list what they would do; nothing is changed "
      + "and no reboot is made (the read-only checks run as usual).")
  boolean dryRun;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final RepoReader reader;
  private final SecretStore secrets;
  private final ReconcilerFactory reconcilers;
  private final Provider<Maintenance> maintenance;
  private final Printer printer;

  @Inject
  MaintainCommand(RepoReader reader, SecretStore secrets, ReconcilerFactory reconcilers,
      Provider<Maintenance> maintenance, Printer printer) {
    this.reader = reader;
    this.secrets = secrets;
    this.reconcilers = reconcilers;
    this.maintenance = maintenance;
    this.printer = printer;
  }

  @Override
  public Integer call() {
    for (String op : only) {
      if (!MaintenanceSpec.DEFAULT_CHECKS.contains(op)) {
        throw new ParameterException(spec.commandLine(), "--only: '" + op + "' is not a maintenance operation;"
            + " expected one of " + String.join(", ", MaintenanceSpec.DEFAULT_CHECKS));
      }
    }
    ConfigRepo config;
    try {
      config = reader.read(repository.repo);
    } catch (InvalidConfigException e) {
      printer.invalid(output.format(), repository.repo, e.problems());
      return ExitCode.INVALID_CONFIG;
    }
    List<Server> selected = FleetRun.select(spec, config, servers);
    Maintenance runs = maintenance.get();
    int exit = ExitCode.OK;
    ObjectNode doc = Printer.document();
    ArrayNode reports = doc.putArray("servers");
    Optional<String> held = Optional.empty();
    try (ReconcilerFactory.Session session = reconcilers.open(new ConnectionSettings(repository.identity,
        repository.knownHosts(), false, Duration.ZERO))) {
      Targets targets = new Targets(secrets, session.controllerKeys());
      for (Server server : selected) {
        Target target = targets.of(server, config.fleet());
        Set<String> operations = Maintenance.operations(server, new LinkedHashSet<>(only));
        if (output.format() == OutputFormat.text) {
          printer.note(server.name() + ": maintenance" + (dryRun ? " (dry run)" : "") + ": "
              + String.join(", ", operations));
        }
        MaintenanceReport report;
        try (RemoteHost host = session.connect(target)) {
          Reboot reboot = new Reboot(() -> session.connect(target), () -> AfterReboot.problem(session, server, target));
          report = runs.run(server, config.fleet(), host, new LinkedHashSet<>(only), dryRun, held,
              Optional.of(reboot), progress(server.name()));
        } catch (SshException e) {
          printer.error(server.name() + ": " + e.getMessage());
          reports.addObject().put("server", server.name()).put("error", e.getMessage());
          exit = Math.max(exit, ExitCode.FAILURE);
          continue;
        }
        reports.add(MaintenanceText.json(report));
        if (output.format() == OutputFormat.text) {
          printer.note(server.name() + ": " + MaintenanceText.summary(report));
        }
        if (report.overall() == Verdict.FAILED) {
          exit = Math.max(exit, ExitCode.FAILED_CHECKS);
        }
        if (held.isEmpty() && Maintenance.upgradesFailed(report)) {
          held = Optional.of("the upgrades of " + server.name() + ", done first, failed");
        }
      }
    }
    if (output.format() == OutputFormat.json) {
      printer.json(doc);
    }
    return exit;
  }


  private MaintenanceRunner.Progress progress(String server) {
    if (output.format() != OutputFormat.text) {
      return MaintenanceRunner.Progress.NONE;
    }
    return new MaintenanceRunner.Progress() {
      @Override
      public void finished(OperationResult result) {
        printer.raw(MaintenanceText.line(server, result));
      }
    };
  }
}
