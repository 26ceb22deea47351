package com.conobium.gardien.reconciler.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** The {@code gardien} command and its subcommands. */
@Command(
    name = "gardien",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "GitOps desired-state reconciler for managed Debian web servers.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:valid; nothing to change (plan) or converged (apply)",
      "1:internal error",
      "2:wrong usage",
      "3:invalid config repository (nothing was sent to any server)",
      "4:drift: a server differs from its manifest (plan)",
      "5:a check failed (e.g. a prerequisite), nothing else",
      "6:failure: unreachable server, unreadable facts or failed change"
    })
public final class GardienCommand implements Runnable {
  /**
   * The subcommands, in the order {@code gardien --help} lists them. Not in the annotation: picocli
   * would make all of them (and through Guice all they use) on every call; {@link Main} makes
   * only the one asked for.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(ValidateCommand.class, PlanCommand.class, ApplyCommand.class,
      RunCommand.class, SecretsCommand.class, CredentialsCommand.class, BackupCommand.class,
      CertificatesCommand.class, HistoryCommand.class, IncidentsCommand.class, UptimeCommand.class,
      MaintainCommand.class, MaintenanceCommand.class, ReportCommand.class, ReportsCommand.class, UsersCommand.class,
      TrainCommand.class);

  /** A subcommand's name, from its annotation. */
  static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }
}
