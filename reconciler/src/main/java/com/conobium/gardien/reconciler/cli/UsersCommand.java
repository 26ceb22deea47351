package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.dashboard.Passwords;
import com.conobium.gardien.reconciler.state.OperatorAccount;
import com.conobium.gardien.reconciler.state.OperatorRecords;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gardien users add|list|remove}: the dashboard's operator accounts, in the state database. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = {
      "The operators who may sign in to the dashboard (gardien run --dashboard). Their passwords are kept",
      "as bcrypt hashes in the state database ($GARDIEN_STATE_URL's, else the embedded one)."
    },
    subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: add, list or remove");
  }

  /** {@code gardien users add NAME [--password-stdin]}. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {
        "Adds an operator, or gives an existing one a new password: asked twice on the terminal, or read",
        "from the first line of standard input with --password-stdin. At least 12 characters, at most 72 bytes."
      })
  static final class Add implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The sign-in name: letters, digits, . _ - (1 to 64).")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input instead of asking.")
    boolean fromStdin;

    private final StateAccess state;
    private final Printer printer;

    @Inject
    Add(StateAccess state, Printer printer) {
      this.state = state;
      this.printer = printer;
    }

    @Override
    public Integer call() throws IOException {
      if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
        printer.error("an operator's name has 1 to 64 letters, digits, dots, underscores or hyphens: " + name);
        return ExitCode.USAGE;
      }
      char[] password = fromStdin ? fromStdin() : fromTerminal();
      if (password == null) {
        return ExitCode.USAGE;
      }
      try {
        String problem = Passwords.problem(password);
        if (problem != null) {
          printer.error(problem);
          return ExitCode.USAGE;
        }
        OperatorRecords operators = state.operators();
        boolean existed = operators.account(name).isPresent();
        operators.saveAccount(new OperatorAccount(name, new Passwords().hash(password), Instant.now()));
        printer.note((existed ? "new password for operator " : "operator added: ") + name);
        return ExitCode.OK;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private char[] fromStdin() throws IOException {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        printer.error("--password-stdin: standard input holds no password");
        return null;
      }
      return line.toCharArray();
    }

    private char[] fromTerminal() {
      Console console = System.console();
      if (console == null) {
        printer.error("no terminal to ask the password on: use --password-stdin");
        return null;
      }
      char[] first = console.readPassword("Password for %s: ", name);
      char[] second = console.readPassword("Again: ");
      if (first == null || second == null || !Arrays.equals(first, second)) {
        printer.error("the two passwords differ");
        return null;
      }
      Arrays.fill(second, '\0');
      return first;
    }
  }

  /** {@code gardien users list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints the operators and when each was added.")
  static final class ListUsers implements Callable<Integer> {
    private final StateAccess state;
    private final Printer printer;

    @Inject
    ListUsers(StateAccess state, Printer printer) {
      this.state = state;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      var accounts = state.operators().accounts();
      if (accounts.isEmpty()) {
        printer.note("no operator yet: gardien users add NAME");
      }
      accounts.forEach(a -> printer.raw(a.name() + "\tadded " + a.created().toString().substring(0, 19) + "Z\n"));
      return ExitCode.OK;
    }
  }

  /** {@code gardien users remove NAME}. */
  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Removes an operator; their open dashboard sessions end with their next request.")
  static final class Remove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "The operator's name.")
    String name;

    private final StateAccess state;
    private final Printer printer;

    @Inject
    Remove(StateAccess state, Printer printer) {
      this.state = state;
      this.printer = printer;
    }

    @Override
    public Integer call() {
      if (!state.operators().removeAccount(name)) {
        printer.error("no operator named " + name);
        return ExitCode.FAILURE;
      }
      printer.note("operator removed: " + name);
      return ExitCode.OK;
    }
  }
}
