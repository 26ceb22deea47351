package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.backup.BackupModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gardien backup key|run|check|snapshots|restore SERVER …}: the backup module's operations
 * that are not reconciling. Each runs Gardien's backup script on the server
 * ({@code /usr/local/lib/gardien/backup}, installed by apply) through Gardien's own SSH connection;
 * {@code key} only reads the secret store.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "The nightly backup's operations (docs/backup.md). The backup itself is installed by apply.",
    },
    subcommands = {
      BackupCommand.Key.class,
      BackupCommand.Run.class,
      BackupCommand.Check.class,
      BackupCommand.Snapshots.class,
      BackupCommand.Restore.class
    })
final class BackupCommand implements Runnable {
  static final String SCRIPT = "/usr/local/lib/gardien/backup";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: key, run, check, snapshots or restore");
  }

  /** What the subcommands share: the repository, the server, and a connection to it. */
  static final class Context {
    private final RepoReader reader;
    private final SecretStore secrets;
    private final ReconcilerFactory reconcilers;
    private final Printer printer;

    @Inject
    Context(RepoReader reader, SecretStore secrets, ReconcilerFactory reconcilers, Printer printer) {
      this.reader = reader;
      this.secrets = secrets;
      this.reconcilers = reconcilers;
      this.printer = printer;
    }

    /** The server and its fleet, or a usage error naming the known ones. */
    Server server(CommandSpec spec, ServerOptions options) throws InvalidConfigException {
      return select(spec, options).server();
    }

    private Target target(CommandSpec spec, ServerOptions options, List<String> controllerKeys)
        throws InvalidConfigException {
      return select(spec, options).target(new Targets(secrets, controllerKeys));
    }

    private Selected select(CommandSpec spec, ServerOptions options) throws InvalidConfigException {
      ConfigRepo repo = reader.read(options.repo);
      return new Selected(FleetRun.select(spec, repo, List.of(options.server)).get(0), repo.fleet());
    }

    private record Selected(Server server, FleetSpec fleet) {
      Target target(Targets targets) {
        return targets.of(server, fleet);
      }
    }

    /**
     * Runs {@code arguments} of the backup script on the server, over the connection
     * {@code plan} and {@code apply} use, and prints what it printed.
     *
     * @return the exit status for the command
     */
    int runScript(CommandSpec spec, ServerOptions options, OutputFormat format, String action,
        String arguments, Duration timeout) {
      String script = "if [ ! -x " + SCRIPT + " ]; then\n"
          + "  echo 'the backup is not installed on this server: enable it and run gardien apply' >&2\n"
          + "  exit 3\nfi\n" + arguments;
      try (ReconcilerFactory.Session session = reconcilers.open(new ConnectionSettings(options.identity,
          options.knownHosts(), false, Duration.ZERO))) {
        Target target;
        try {
          target = target(spec, options, session.controllerKeys());
        } catch (InvalidConfigException e) {
          printer.invalid(format, options.repo, e.problems());
          return ExitCode.INVALID_CONFIG;
        }
        try (RemoteHost host = session.connect(target)) {
          ExecResult result = host.exec(script, null, timeout);
          printer.backup(format, options.server, action, result.exitStatus(), result.stdout(), result.stderr());
          return result.ok() ? ExitCode.OK : ExitCode.FAILURE;
        } catch (SshException e) {
          printer.error(options.server + ": " + e.getMessage());
          return ExitCode.FAILURE;
        }
      }
    }

    SecretStore secrets() {
      return secrets;
    }

    Printer printer() {
      return printer;
    }
  }

  /** {@code gardien backup key SERVER}. */
  @Command(name = "key", mixinStandardHelpOptions = true,
      description = {
        "Prints the SSH public key the server logs in to the backup space with, one",
        "authorized_keys line: give it to the space's operator. Generated on first use."
      })
  static final class Key implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;
    private final Context context;

    @Inject
    Key(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      try {
        Server target = context.server(spec, server);
        String key = BackupModule.key(context.secrets().getOrCreate(
            server.server, BackupModule.KEY_SECRET, BackupModule.KEY_SECRET_LENGTH), target.name())
            .publicKey();
        context.printer().backupKey(output.format(), server.server, key);
        return ExitCode.OK;
      } catch (InvalidConfigException e) {
        context.printer().invalid(output.format(), server.repo, e.problems());
        return ExitCode.INVALID_CONFIG;
      }
    }
  }

  /** {@code gardien backup run SERVER}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Runs the backup now (the gardien-backup service) and waits for it; prints its record.")
  static final class Run implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;
    private final Context context;

    @Inject
    Run(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return context.runScript(spec, server, output.format(), "run",
          "rc=0\nsystemctl start gardien-backup.service || rc=$?\n"
              + "cat /var/lib/gardien/backup/last-run 2>/dev/null\n"
              + "if [ $rc -ne 0 ]; then journalctl -u gardien-backup.service -n 5 --no-pager -o cat >&2; fi\n"
              + "exit $rc\n",
          Duration.ofHours(12));
    }
  }

  /** {@code gardien backup check SERVER}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Verifies every repository now (the backup space's and each replica's): restic check reading "
          + "5%% of the data back; records the results.")
  static final class Check implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;
    private final Context context;

    @Inject
    Check(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return context.runScript(spec, server, output.format(), "check", SCRIPT + " check\n", Duration.ofHours(12));
    }
  }

  /** {@code gardien backup snapshots SERVER}. */
  @Command(name = "snapshots", mixinStandardHelpOptions = true,
      description = "Lists the server's snapshots, space by space (their IDs are what restore --snapshot takes).")
  static final class Snapshots implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;
    private final Context context;

    @Inject
    Snapshots(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return context.runScript(spec, server, output.format(), "snapshots", SCRIPT + " snapshots\n",
          Duration.ofMinutes(10));
    }
  }

  /** {@code gardien backup restore SERVER [--site NAME] [--snapshot ID] --to PATH}. */
  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {
        "Restores into a directory on the server (never over /): by default the latest files",
        "snapshot and the latest dump of every database (DIR/mariadb-NAME.sql). --site limits it",
        "to the site's home and database; --snapshot restores exactly that snapshot.",
        "Dumps are not loaded into MariaDB: mariadb < DIR/mariadb-NAME.sql does that."
      })
  static final class Restore implements Callable<Integer> {
    @Mixin ServerOptions server;
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "PATH",
        description = "Absolute directory on the server to restore into.")
    String to;

    @Option(names = "--site", paramLabel = "NAME", description = "Only this site's files and database.")
    String site;

    @Option(names = "--snapshot", paramLabel = "ID", description = "This snapshot instead of the latest ones.")
    String snapshot;

    @Option(names = "--space", paramLabel = "N", defaultValue = "0",
        description = "Restore from replica N of the Fleet's backupReplicas (1, 2…) instead of the backup space (0).")
    int space;

    private final Context context;

    @Inject
    Restore(Context context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (!to.startsWith("/") || to.equals("/") || to.contains("\n")) {
        throw new ParameterException(spec.commandLine(), "--to must be an absolute directory other than /");
      }
      if (snapshot != null && !snapshot.matches("[0-9a-f]{8,64}|latest")) {
        throw new ParameterException(spec.commandLine(), "--snapshot takes a snapshot ID (hex), e.g. 1a2b3c4d");
      }
      if (space < 0 || space > 99) {
        throw new ParameterException(spec.commandLine(), "--space takes 0 (the backup space) or a replica's number");
      }
      List<String> args = new ArrayList<>(List.of(SCRIPT, "restore", "--space", String.valueOf(space), "--target", to));
      if (snapshot != null) {
        args.addAll(List.of("--snapshot", snapshot));
      }
      if (site != null) {
        Server target;
        try {
          target = context.server(spec, server);
        } catch (InvalidConfigException e) {
          context.printer().invalid(output.format(), server.repo, e.problems());
          return ExitCode.INVALID_CONFIG;
        }
        SiteSpec s = target.spec().sites().stream().filter(x -> x.name().equals(site)).findFirst()
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "Server " + server.server
                + " has no site named '" + site + "'"));
        args.addAll(List.of("--include", "/srv/www/" + s.name()));
        if (snapshot == null && s.database().enabled() && target.spec().backup().databases()) {
          args.addAll(List.of("--database", s.database().name() != null ? s.database().name() : s.name()));
        }
      }
      return context.runScript(spec, server, output.format(), "restore",
          String.join(" ", args.stream().map(Shell::quote).toList()) + "\n", Duration.ofHours(12));
    }
  }
}
