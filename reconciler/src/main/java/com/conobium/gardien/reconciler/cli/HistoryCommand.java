package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateRepository;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gardien history [SERVER]}: the runs {@code gardien run} stored in the state database,
 * newest first, with their (masked) changes on demand; {@code --status}: each server's stored status.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "The runs the daemon (gardien run) stored in the state database, newest first: time, server,",
      "reason, mode, result, drift/applied/failed counts, duration and revision; --changes adds each",
      "run's changes (sensitive values masked). --status shows each server's stored status instead.",
      "The database is $GARDIEN_STATE_URL's, else the embedded one in $GARDIEN_HOME/state."
    })
final class HistoryCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER",
      description = "Only this server (default: all servers).")
  String server;

  @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
      description = "How many runs to show at most (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--changes", description = "Show each run's changes under it.")
  boolean changes;

  @Option(names = "--status",
      description = "Show each server's stored status (last result, last run, last success, failures in a row) "
          + "instead of its runs.")
  boolean status;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final StateAccess state;
  private final Printer printer;

  @Inject
  HistoryCommand(StateAccess state, Printer printer) {
    this.state = state;
    this.printer = printer;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
    }
    if (status && changes) {
      throw new ParameterException(spec.commandLine(), "--changes goes with the run history, not with --status");
    }
    StateRepository repo = state.repository();
    if (status) {
      Map<String, ServerRecord> servers = repo.servers();
      if (server != null && !servers.containsKey(server)) {
        return unknown(servers);
      }
      printer.statuses(output.format(), state.where(),
          server == null ? List.copyOf(servers.values()) : List.of(servers.get(server)));
      return ExitCode.OK;
    }
    List<RunRecord> runs = server == null ? repo.runs(limit) : repo.runs(server, limit);
    if (server != null && runs.isEmpty()) {
      Map<String, ServerRecord> servers = repo.servers();   // a server with a status but no runs left is known
      if (!servers.containsKey(server)) {
        return unknown(servers);
      }
    }
    Map<Long, List<ChangeRecord>> runChanges = new LinkedHashMap<>();
    if (changes) {
      runs.forEach(r -> runChanges.put(r.id(), repo.changes(r.id())));
    }
    printer.history(output.format(), state.where(), server, runs, changes ? runChanges : null);
    return ExitCode.OK;
  }

  private int unknown(Map<String, ServerRecord> servers) {
    printer.error("the state database " + state.where() + " knows no server named '" + server + "'"
        + (servers.isEmpty() ? " (it knows none yet)" : "; it knows: " + String.join(", ", servers.keySet())));
    return ExitCode.FAILURE;
  }
}
