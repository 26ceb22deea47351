package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.secrets.SecretStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code gardien secrets list|rotate SERVER …}: the secrets Gardien generated for a server, kept
 * encrypted in {@code $GARDIEN_HOME/secrets}. Values are never printed.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = {
      "Gardien's generated secrets (passwords), encrypted in $GARDIEN_HOME/secrets with the key",
      "$GARDIEN_HOME/secret.key. Values are never printed."
    },
    subcommands = {SecretsCommand.ListSecrets.class, SecretsCommand.Rotate.class})
final class SecretsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list or rotate");
  }

  /** {@code gardien secrets list SERVER}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Prints the names of a server's secrets and when they were generated.")
  static final class ListSecrets implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name.")
    String server;

    @Mixin OutputOptions output;

    private final SecretStore store;
    private final Printer printer;

    @Inject
    ListSecrets(SecretStore store, Printer printer) {
      this.store = store;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      printer.secrets(output.format(), server, store.list(server));
      return ExitCode.OK;
    }
  }

  /** {@code gardien secrets rotate SERVER [NAME…]}. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = {
        "Gives new values to a server's secrets (all of them without NAME).",
        "The next apply sets them on the server; plan shows them as masked changes."
      })
  static final class Rotate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's name.")
    String server;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME",
        description = "Secrets to rotate, e.g. root-password (default: all).")
    List<String> names = new ArrayList<>();

    @Mixin OutputOptions output;

    private final SecretStore store;
    private final Printer printer;

    @Inject
    Rotate(SecretStore store, Printer printer) {
      this.store = store;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      printer.rotated(output.format(), server, store.rotate(server, names));
      return ExitCode.OK;
    }
  }
}
