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
    Timings timings = Timings.fromEnvironment(System.getenv());
    timings.jvmStarted(java.time.Instant.now(), System.getenv());
    if (versionOnly(args)) {
      // the version needs no wiring: answered before Guice and the modules are loaded
      System.out.println(new VersionProvider().getVersion()[0]);
      System.exit(ExitCode.OK);
    }
    // Gardien intercepts no method: Guice then need not generate classes (about 40 ms of a cold start)
    System.getProperties().putIfAbsent("guice_bytecode_gen_option", "DISABLED");
    // logging is set up here, before a second thread can log: SLF4J hands out stand-in loggers to a
    // thread that asks while another initialises it, and `run` sets its level on the real one
    org.slf4j.LoggerFactory.getILoggerFactory();
    HeadStart headStart = HeadStart.begin(args); // on the other core while Guice wires
    Injector injector = timings.time("wiring", () -> Guice.createInjector(new CliWiring(timings, headStart.reader())));
    int status = run(injector, args);
    timings.print(System.err);
    System.exit(status);
  }

  private static boolean versionOnly(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  /** Runs the command line with the given wiring; returns the exit status. */
  static int run(Injector injector, String... args) {
    CommandLine cli = injector.getInstance(Timings.class).time("wiring the command", () -> commandLine(injector, args));
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
      injector.getInstance(Timings.class).run("state database close", injector.getInstance(StateAccess.class)::close);
    }
  }

  /**
   * The command line for {@code args}: with only the subcommand they name (so a command builds
   * only what it uses), none for {@code --version}, every one for the help and for anything else
   * (an unknown command's message).
   */
  static CommandLine commandLine(Injector injector, String... args) {
    GuiceFactory factory = new GuiceFactory(injector);
    CommandLine cli = new CommandLine(GardienCommand.class, factory);
    boolean versionOnly = versionOnly(args);
    String named = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
    boolean known = named != null && GardienCommand.SUBCOMMANDS.stream().anyMatch(c -> GardienCommand.name(c).equals(named));
    for (Class<?> command : GardienCommand.SUBCOMMANDS) {
      String name = GardienCommand.name(command);
      if (known ? name.equals(named) : !versionOnly) {
        try {
          cli.addSubcommand(name, factory.create(command));
        } catch (Exception e) {
          throw new IllegalStateException("cannot make the " + name + " command", e);
        }
      }
    }
    return cli;
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
