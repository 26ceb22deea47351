package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies one server: gathers the facts of every module in one remote exec, plans each
 * module purely, applies the changes in module order, and verifies every module it changed by
 * probing it again. A module that fails makes the modules that depend on it skip; other modules
 * and other servers go on.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModuleGraph graph;
  private final HostConnector connector;
  private final FactsCache cache;
  private final TransientRetry retry;
  private final Duration commandTimeout;
  private final RandomGenerator random;
  private final Duration rollbackAfter;
  /**
   * Where connections are made while the modules are bound, and the binding's second lane runs
   * (daemon threads, idle ones end).
   */
  private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "gardien-background");
    thread.setDaemon(true);
    return thread;
  });
  private final TwoLanes lanes = new TwoLanes(background);

  public Reconciler(
      ModuleGraph graph,
      HostConnector connector,
      FactsCache cache,
      TransientRetry retry,
      Duration commandTimeout,
      RandomGenerator random) {
    this(graph, connector, cache, retry, commandTimeout, random, Duration.ofSeconds(90));
  }

  /**
   * @param rollbackAfter how long a server waits, after a guarded change, for Gardien to come back
   *     through a new connection before it restores the previous configuration by itself
   */
  public Reconciler(
      ModuleGraph graph,
      HostConnector connector,
      FactsCache cache,
      TransientRetry retry,
      Duration commandTimeout,
      RandomGenerator random,
      Duration rollbackAfter) {
    this.rollbackAfter = rollbackAfter;
    this.graph = graph;
    this.connector = connector;
    this.cache = cache;
    this.retry = retry;
    this.commandTimeout = commandTimeout;
    this.random = random;
  }

  /** What would change on the target's server. Changes nothing. */
  /**
   * Forgets {@code target}'s server: its cached plan, and the connection kept open to it (another
   * replica watches it now, so this one keeps nothing of it).
   */
  public void release(Target target) {
    cache.invalidate(target);
    connector.release(target);
  }

  public ServerOutcome plan(Target target) {
    long start = System.nanoTime();
    CountingHost host = null;
    try {
      if (!target.secrets().known()) {
        host = new CountingHost(retry.call(() -> connector.connect(target)));
        return new ServerOutcome(name(target), planWithoutSecrets(host, target), null, host.count(), since(start));
      }
      Connected<List<BoundModule<?, ?>>> connected = connectWhile(target, () -> bind(target));
      host = new CountingHost(connected.host());
      List<BoundModule<?, ?>> modules = connected.value();
      List<ModuleOutcome> outcomes = probeAndPlan(host, modules);
      cache.put(target, outcomes);
      return new ServerOutcome(name(target), outcomes, null, host.count(), since(start));
    } catch (SshException e) {
      return unreachable(target, e, host, start);
    }
  }

  /**
   * Converges the target's server. Uses the plan of a {@link #plan} made moments before for the
   * same manifest when there is one, so a no-op apply after a plan needs no further round trip.
   */
  public ServerOutcome apply(Target target, ApplyListener listener) {
    long start = System.nanoTime();
    CountingHost host = null;
    try {
      Connected<List<BoundModule<?, ?>>> connected = connectWhile(target, () -> bind(target));
      host = new CountingHost(connected.host());
      List<BoundModule<?, ?>> modules = connected.value();
      List<ModuleOutcome> planned = cache.plan(target).orElse(null);
      if (planned == null) {
        planned = probeAndPlan(host, modules);
      }
      cache.invalidate(target);
      List<ModuleOutcome> outcomes = new ArrayList<>();
      Set<String> failed = new HashSet<>();
      for (int i = 0; i < modules.size(); i++) {
        ModuleOutcome outcome =
            applyModule(target, host, modules.get(i), planned.get(i), failed, listener);
        if (outcome.status() == Status.FAILED || outcome.status() == Status.SKIPPED) {
          failed.add(outcome.module());
        }
        outcomes.add(outcome);
      }
      return new ServerOutcome(name(target), outcomes, null, host.count(), since(start));
    } catch (SshException e) {
      return unreachable(target, e, host, start);
    }
  }

  private ModuleOutcome applyModule(
      Target target,
      RemoteHost host,
      BoundModule<?, ?> module,
      ModuleOutcome planned,
      Set<String> failed,
      ApplyListener listener) {
    for (String f : failed) {
      if (graph.dependsOn(module.name(), f)) {
        return new ModuleOutcome(
            module.name(),
            planned.changes(),
            planned.checks(),
            Status.SKIPPED,
            "skipped: it comes after module '" + f + "', which failed",
            0,
            planned.readings());
      }
    }
    if (planned.status() == Status.FAILED || planned.changes().isEmpty()) {
      return planned;
    }
    List<Change> changes = planned.changes();
    int applied = 0;
    for (int i = 0; i < changes.size(); ) {
      // a guarded change goes alone; the unguarded ones that follow each other go in one command
      int end = i + 1;
      while (changes.get(i).guard() == null && end < changes.size() && changes.get(end).guard() == null) {
        end++;
      }
      List<Change> run = changes.subList(i, end);
      List<String> errors = run.size() == 1
          ? java.util.Collections.singletonList(applyChange(target, host, run.get(0)))
          : applyBatch(host, run);
      for (int k = 0; k < errors.size(); k++) {
        String error = errors.get(k);
        ChangeLog.change(log, name(target), module.name(), run.get(k), error);
        listener.changed(name(target), module.name(), run.get(k), error);
        if (error != null) {
          return new ModuleOutcome(module.name(), planned.changes(), planned.checks(), Status.FAILED, error,
              applied, planned.readings());
        }
        applied++;
      }
      i = end;
    }
    return verify(host, module, planned, applied);
  }

  /**
   * Applies unguarded changes in one remote command ({@link ChangeBatch}); returns, in order, null
   * for each change applied, then why the one that failed did (the ones after it were not tried).
   */
  private List<String> applyBatch(RemoteHost host, List<Change> run) {
    ChangeBatch batch = new ChangeBatch(nonce(), run);
    StepScripts.Command command = batch.command();
    ExecResult result;
    try {
      result = host.exec(command.script(), command.stdin(), commandTimeout);
    } catch (SshException e) {
      return java.util.Collections.singletonList("change '" + Display.title(run.get(0)) + "' and the "
          + (run.size() - 1) + " after it failed: " + e.getMessage());
    }
    ChangeBatch.Outcome outcome = batch.outcome(result.stderr(), result.exitStatus());
    List<String> errors = new ArrayList<>();
    int appliedCount = outcome.allApplied() ? run.size() : outcome.failed();
    for (int k = 0; k < appliedCount; k++) {
      errors.add(null);
    }
    if (!outcome.allApplied()) {
      Change failed = run.get(outcome.failed());
      errors.add("change '" + Display.title(failed) + "' failed (exit status " + outcome.exitStatus() + "): "
          + Display.tail(failed.sensitive() ? "(output hidden)" : outcome.failureOutput()));
    }
    return errors;
  }

  /**
   * Applies a change; returns why it failed, or null. A guarded change is applied under a
   * rollback armed on the server, cancelled only once a brand-new connection gets in.
   */
  private String applyChange(Target target, RemoteHost host, Change change) {
    if (change.guard() == null) {
      return runSteps(host, change);
    }
    RollbackGuard guard = new RollbackGuard(nonce(), change.guard(), rollbackAfter);
    String title = Display.title(change);
    try {
      ExecResult armed = host.exec(guard.arm(), null, commandTimeout);
      if (!armed.ok()) {
        return "change '" + title + "' not applied: could not arm its rollback: " + Display.tail(armed.stderr());
      }
    } catch (SshException e) {
      return "change '" + title + "' not applied: could not arm its rollback: " + e.getMessage();
    }
    String error = runSteps(host, change);
    if (error != null) {
      try {
        host.exec(guard.restoreNow(), null, commandTimeout);
        return error + " (the previous configuration was restored)";
      } catch (SshException e) {
        return error + " (the server restores the previous configuration by itself within "
            + rollbackAfter.toSeconds() + " s)";
      }
    }
    try {
      connector.confirmNewConnection(target);
    } catch (SshException e) {
      return "change '" + title + "' cut Gardien off (a new connection failed: " + e.getMessage()
          + "); the server restores the previous configuration by itself within "
          + rollbackAfter.toSeconds() + " s";
    }
    try {
      ExecResult disarmed = host.exec(guard.disarm(), null, commandTimeout);
      if (!disarmed.ok()) {
        return "change '" + title + "' applied, but its rollback could not be cancelled: "
            + Display.tail(disarmed.stderr());
      }
    } catch (SshException e) {
      return "change '" + title + "' applied, but its rollback could not be cancelled: " + e.getMessage();
    }
    return null;
  }

  /**
   * Runs a change's steps in order, in one remote command when they can share it (see
   * {@link StepScripts#combined}); returns why it failed, or null.
   */
  private String runSteps(RemoteHost host, Change change) {
    List<StepScripts.Command> each = change.steps().stream().map(StepScripts::of).toList();
    List<StepScripts.Command> commands = StepScripts.combined(each).map(List::of).orElse(each);
    for (StepScripts.Command command : commands) {
      try {
        ExecResult result = host.exec(command.script(), command.stdin(), commandTimeout);
        if (!result.ok()) {
          return "change '"
              + Display.title(change)
              + "' failed (exit status "
              + result.exitStatus()
              + "): "
              + Display.tail(change.sensitive() ? "(output hidden)" : result.stderr());
        }
      } catch (SshException e) {
        return "change '" + Display.title(change) + "' failed: " + e.getMessage();
      }
    }
    return null;
  }

  /** Probes the module again; it must show no remaining change. */
  private ModuleOutcome verify(
      RemoteHost host, BoundModule<?, ?> module, ModuleOutcome planned, int applied) {
    ModuleOutcome after;
    try {
      after = probeAndPlan(host, List.of(module)).get(0);
    } catch (SshException e) {
      after = null;
    }
    if (after == null || after.status() == Status.FAILED) {
      return new ModuleOutcome(
          module.name(),
          planned.changes(),
          planned.checks(),
          Status.FAILED,
          "could not verify after applying: "
              + (after == null ? "the server did not answer" : after.error()),
          applied,
          planned.readings());
    }
    if (!after.changes().isEmpty()) {
      return new ModuleOutcome(
          module.name(),
          after.changes(),
          after.checks(),
          Status.FAILED,
          "still differs after applying: "
              + String.join(", ", after.changes().stream().map(Display::title).toList()),
          applied,
          after.readings());
    }
    return new ModuleOutcome(
        module.name(), planned.changes(), after.checks(), Status.CONVERGED, null, applied, after.readings());
  }

  /** One exec for the facts of all {@code modules}, then a pure plan of each. */
  private List<ModuleOutcome> probeAndPlan(RemoteHost host, List<BoundModule<?, ?>> modules)
      throws SshException {
    Probed probed = probe(host, modules);
    return planAll(modules, probed);
  }

  /**
   * A plan without the secret store: one probe, then two plans from the same facts under two sets
   * of stand-in secrets; what depends on a secret is reported as not compared. Nothing is cached:
   * an apply always has the real secrets.
   */
  private List<ModuleOutcome> planWithoutSecrets(RemoteHost host, Target target) throws SshException {
    List<BoundModule<?, ?>> first = bind(target.withSecrets(new StandInSecrets(1)));
    List<BoundModule<?, ?>> second = bind(target.withSecrets(new StandInSecrets(2)));
    Probed probed = probe(host, first);
    return SecretBlindPlan.merge(planAll(first, probed), planAll(second, probed));
  }

  private record Probed(Map<String, ProbeScript.Section> sections, ExecResult result) {}

  private Probed probe(RemoteHost host, List<BoundModule<?, ?>> modules) throws SshException {
    ProbeScript script = new ProbeScript(nonce());
    String text = script.compose(modules.stream().map(BoundModule::probe).toList());
    ExecResult result = retry.call(() -> host.exec(text, null, commandTimeout));
    return new Probed(script.parse(result.stdout()), result);
  }

  private static List<ModuleOutcome> planAll(List<BoundModule<?, ?>> modules, Probed probed) {
    List<ModuleOutcome> outcomes = new ArrayList<>();
    for (BoundModule<?, ?> module : modules) {
      outcomes.add(planModule(module, probed.sections().get(module.name()), probed.result()));
    }
    return outcomes;
  }

  private static ModuleOutcome planModule(
      BoundModule<?, ?> module, ProbeScript.Section section, ExecResult result) {
    String failure;
    if (section == null) {
      failure = "its probe printed nothing (probe script exit status " + result.exitStatus() + ")";
    } else if (section.exitStatus() != 0) {
      failure = "its probe exited with status " + section.exitStatus() + ": " + Display.tail(section.output());
    } else {
      try {
        JsonNode json = JSON.readTree(section.output());
        ModulePlan plan = module.plan(json);
        return new ModuleOutcome(
            module.name(),
            plan.changes(),
            plan.checks(),
            plan.hasDrift() ? Status.DRIFT : Status.IN_SYNC,
            null,
            0,
            plan.readings());
      } catch (JsonProcessingException e) {
        failure = "its probe printed invalid JSON: " + e.getOriginalMessage();
      } catch (FactsException e) {
        failure = "its facts could not be read: " + e.getMessage();
      }
    }
    return new ModuleOutcome(module.name(), List.of(), List.of(), Status.FAILED, failure, 0);
  }

  /** A connection, and what was worked out while it was being made. */
  private record Connected<T>(RemoteHost host, T value) {}

  /**
   * Connects to the target's server (with the retries) in the background while {@code meanwhile}
   * runs here: the modules' desired state (secrets read and decrypted, passwords hashed) costs
   * about what the SSH handshake does, and neither needs the other. Nothing is sent to the server
   * before both are done.
   */
  private <T> Connected<T> connectWhile(Target target, java.util.function.Supplier<T> meanwhile) throws SshException {
    CompletableFuture<RemoteHost> connecting = CompletableFuture.supplyAsync(() -> {
      try {
        return retry.call(() -> connector.connect(target));
      } catch (SshException e) {
        throw new CompletionException(e);
      }
    }, background);
    T value;
    try {
      value = meanwhile.get();
    } catch (RuntimeException e) {
      connecting.cancel(true);
      throw e;
    }
    try {
      return new Connected<>(connecting.get(), value);
    } catch (InterruptedException e) {
      connecting.cancel(true);
      Thread.currentThread().interrupt();
      throw new SshException.Interrupted("interrupted while connecting to " + name(target), e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof SshException ssh) {
        throw ssh;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  private List<BoundModule<?, ?>> bind(Target target) {
    return lanes.map(graph.ordered(), m -> BoundModule.bind(m, target));
  }

  private ServerOutcome unreachable(Target target, SshException e, CountingHost host, long start) {
    log.atWarn().addKeyValue("server", name(target)).addKeyValue("result", "unreachable")
        .addKeyValue("error", e.getMessage()).log("server unreachable");
    return new ServerOutcome(
        name(target), List.of(), e.getMessage(), host == null ? 0 : host.count(), since(start));
  }

  private String nonce() {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String name(Target target) {
    return target.server().name();
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
