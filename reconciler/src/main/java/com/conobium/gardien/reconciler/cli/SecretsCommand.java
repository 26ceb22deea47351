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
    subcommands = {SecretsCommand.ListSecrets.class, SecretsCommand.Rotate.class, SecretsCommand.Put.class})
final class SecretsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: list, rotate or put");
  }

  /** {@code gardien secrets list SERVER|--fleet}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Prints the names of a server's secrets (or, with --fleet, the fleet-wide ones), "
          + "whose they are and when they were made.")
  static final class ListSecrets implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "The server's name.")
    String server;

    @picocli.CommandLine.Option(names = "--fleet",
        description = "The fleet-wide secrets (the ACME account key, the SMTP relay's password) instead.")
    boolean fleet;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

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
      String owner = scope(spec, server, fleet);
      printer.secrets(output.format(), fleet ? "fleet" : owner, store.list(owner));
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

  /** SERVER, or the fleet's store with --fleet: exactly one of them. */
  static String scope(picocli.CommandLine.Model.CommandSpec spec, String server, boolean fleet) {
    if (fleet == (server != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          fleet ? "--fleet takes no SERVER" : "Missing SERVER (or --fleet for the fleet-wide secrets)");
    }
    return fleet ? SecretStore.FLEET : server;
  }

  /** {@code gardien secrets put SERVER|--fleet NAME --file FILE}: text Gardien does not generate, e.g. a PEM. */
  @Command(name = "put", mixinStandardHelpOptions = true,
      description = {
        "Stores the content of FILE as the secret NAME of a server, replacing any value it had:",
        "a provided certificate chain or private key (PEM), named in the manifest's site tls section.",
        "Such secrets are never rotated."
      })
  static final class Put implements Callable<Integer> {
    @Parameters(arity = "1..2", paramLabel = "[SERVER] NAME",
        description = "The server's name (none with --fleet), then the secret's name, e.g. tls/shop/provided-chain.")
    List<String> words = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--fleet",
        description = "A fleet-wide secret, e.g. smtp-password (the SMTP relay login's).")
    boolean fleet;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--file", required = true, paramLabel = "FILE",
        description = "The file whose content is stored (read as UTF-8).")
    java.nio.file.Path file;

    private final SecretStore store;
    private final Printer printer;

    @Inject
    Put(SecretStore store, Printer printer) {
      this.store = store;
      this.printer = printer;
    }

    @Override
    public Integer call() throws java.io.IOException {
      String server = scope(spec, words.size() == 2 ? words.get(0) : null, fleet);
      String name = words.get(words.size() - 1);
      String value = java.nio.file.Files.readString(file);
      if (fleet && value.endsWith("\n") && value.indexOf('\n') == value.length() - 1) {
        value = value.substring(0, value.length() - 1); // a one-line password file's newline is not the password's
      }
      store.put(server, name, value);
      printer.note((fleet ? "fleet" : server) + ": stored " + name + " (" + java.nio.file.Files.size(file) + " bytes)");
      return ExitCode.OK;
    }
  }
}
