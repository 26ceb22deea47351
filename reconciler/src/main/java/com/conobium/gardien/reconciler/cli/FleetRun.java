package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Runs one reconcile step on each selected server, several servers at once. */
final class FleetRun {
  private FleetRun() {}

  /** The servers the options select, in repository order; an unknown name is a usage error. */
  static List<Server> select(CommandSpec spec, ConfigRepo repo, List<String> names) {
    if (names.isEmpty()) {
      return repo.servers();
    }
    List<Server> selected = new ArrayList<>();
    for (String name : names) {
      selected.add(
          repo.server(name)
              .orElseThrow(
                  () ->
                      new ParameterException(
                          spec.commandLine(),
                          "No server named '" + name + "' in " + repo.root() + ". Known: "
                              + repo.servers().stream().map(Server::name).toList())));
    }
    return selected;
  }

  /**
   * Runs {@code step} on the target of each server, whose modules see the server's secrets in
   * {@code secrets} and the public keys Gardien logs in with.
   *
   * @throws SecretStoreException when the secret store cannot be read (message without secrets)
   */
  static List<ServerOutcome> run(
      ConfigRepo repo,
      List<Server> servers,
      int parallel,
      Targets targets,
      Function<Target, ServerOutcome> step) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, servers.size())));
    try {
      List<Future<ServerOutcome>> futures = new ArrayList<>();
      for (Server server : servers) {
        Target target = targets.of(server, repo.fleet());
        futures.add(pool.submit(() -> step.apply(target)));
      }
      List<ServerOutcome> outcomes = new ArrayList<>();
      for (Future<ServerOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SecretStoreException s) {
        throw s;
      }
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The exit status for outcomes: a failure, else drift, else a failed check. Drift comes before
   * failed checks so that a check that fails for long (a prerequisite, a certificate not ordered
   * yet) never hides from CI that a server differs from its manifest.
   */
  static int exitCode(List<ServerOutcome> outcomes) {
    if (outcomes.stream().anyMatch(ServerOutcome::hasFailures)) {
      return ExitCode.FAILURE;
    }
    if (outcomes.stream().anyMatch(ServerOutcome::hasDrift)) {
      return ExitCode.DRIFT;
    }
    if (outcomes.stream().anyMatch(ServerOutcome::hasFailedChecks)) {
      return ExitCode.FAILED_CHECKS;
    }
    return ExitCode.OK;
  }
}
