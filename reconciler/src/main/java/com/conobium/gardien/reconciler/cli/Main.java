package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.credentials.CredentialLinkException;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import com.conobium.gardien.reconciler.state.StateException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Entry point of the {@code gardien} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Guice.createInjector(new CliWiring()), args));
  }

  /** Runs the command line with the given wiring; returns the exit status. */
  static int run(Injector injector, String... args) {
    CommandLine cli = new CommandLine(GardienCommand.class, new GuiceFactory(injector));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    java.io.PrintWriter err = new java.io.PrintWriter(injector.getInstance(Printer.class).errors(), true);
    cli.setErr(err);
    // a usage error is the error and one hint, as git prints them, not the whole usage
    cli.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine where = e.getCommandLine();
      where.getErr().println("gardien: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, where.getErr());
      where.getErr().println("See '" + where.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.USAGE;
    });
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      // also with --help: an unknown command is a usage error, never the top-level help
      err.println("gardien: '" + args[0] + "' is not a gardien command. See 'gardien --help'.");
      return ExitCode.USAGE;
    }
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof SecretStoreException || e instanceof CredentialLinkException
              || e instanceof MissingKeyException || e instanceof StateException) {
            // Gardien's own state or key could not be read or written: the message says why, without secrets
            injector.getInstance(Printer.class).error(e.getMessage());
            return ExitCode.FAILURE;
          }
          commandLine.getErr().println("gardien: internal error: " + e);
          return ExitCode.INTERNAL_ERROR;
        });
    try {
      return cli.execute(args);
    } finally {
      injector.getInstance(StateAccess.class).close();
    }
  }

  /** Lets picocli create commands through Guice, so they get their collaborators injected. */
  record GuiceFactory(Injector injector) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return injector.getInstance(type);
      } catch (com.google.inject.ConfigurationException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
