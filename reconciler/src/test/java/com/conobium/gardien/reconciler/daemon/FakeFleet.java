package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.ControllerStage;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Servers that exist only in memory, each with one setting (its time zone), reconciled the way the
 * engine does: plan compares, apply sets and reports each change. Counts calls and concurrency.
 */
final class FakeFleet implements ServerReconciler {
  final Map<String, String> timezones = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> plans = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> applies = new ConcurrentHashMap<>();
  final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  /** Servers whose time zone is a sensitive value (masked in every output). */
  final Set<String> sensitive = ConcurrentHashMap.newKeySet();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final Map<String, AtomicInteger> runningPerServer = new ConcurrentHashMap<>();
  final AtomicInteger maxRunningOneServer = new AtomicInteger();
  final AtomicInteger finished = new AtomicInteger();
  volatile Duration delay = Duration.ZERO;
  volatile Duration applyDelay = Duration.ZERO;
  final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
  /** Servers with controller work due (a certificate to renew): the stage does it once. */
  final Set<String> stageDue = ConcurrentHashMap.newKeySet();
  /** Servers the controller stage ran for, in order. */
  final List<String> stageRuns = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** The keys Gardien logs in with, as each target handed to this fleet carried them. */
  final Set<List<String>> controllerKeys = ConcurrentHashMap.newKeySet();

  @Override
  public ServerOutcome plan(Target target) {
    String name = target.server().name();
    controllerKeys.add(target.controllerKeys());
    enter(name);
    try {
      plans.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      if (unreachable.contains(name)) {
        return new ServerOutcome(name, List.of(), "connection refused", 0, Duration.ZERO);
      }
      return new ServerOutcome(name, List.of(time(target)), null, 1, Duration.ofMillis(5));
    } finally {
      leave(name);
    }
  }

  @Override
  public ServerOutcome apply(Target target, ApplyListener listener) {
    String name = target.server().name();
    controllerKeys.add(target.controllerKeys());
    enter(name);
    try {
      applies.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      sleep(applyDelay);
      ModuleOutcome planned = time(target);
      for (Change c : planned.changes()) {
        timezones.put(name, c.after());
        listener.changed(name, "time", c, null);
      }
      ModuleOutcome.Status status =
          planned.changes().isEmpty() ? ModuleOutcome.Status.IN_SYNC : ModuleOutcome.Status.CONVERGED;
      return new ServerOutcome(name, List.of(new ModuleOutcome("time", planned.changes(), List.of(),
          status, null, planned.changes().size())), null, 2, Duration.ofMillis(10));
    } finally {
      leave(name);
    }
  }

  @Override
  public ControllerStage stage() {
    return new ControllerStage() {
      @Override
      public boolean due(Target target) {
        return stageDue.contains(target.server().name());
      }

      @Override
      public ServerOutcome after(Target target, ServerOutcome applied, ApplyListener listener) {
        String name = target.server().name();
        if (!stageDue.remove(name)) {
          return applied;
        }
        stageRuns.add(name);
        listener.changed(name, "certificates", Change.update("certificate of site shop", "expiring", "renewed",
            List.of()), null);
        return applied;
      }
    };
  }

  int plans(String server) {
    AtomicInteger n = plans.get(server);
    return n == null ? 0 : n.get();
  }

  int applies(String server) {
    AtomicInteger n = applies.get(server);
    return n == null ? 0 : n.get();
  }

  private ModuleOutcome time(Target target) {
    String desired = target.spec().time().timezone();
    String actual = timezones.getOrDefault(target.server().name(), "Etc/UTC");
    if (desired.equals(actual)) {
      return new ModuleOutcome("time", List.of(), List.of(), ModuleOutcome.Status.IN_SYNC, null, 0);
    }
    Change c = Change.update("timezone", actual, desired, List.of(new Step.Run("timedatectl set-timezone x")));
    if (sensitive.contains(target.server().name())) {
      c = c.masked();
    }
    return new ModuleOutcome("time", List.of(c), List.of(), ModuleOutcome.Status.DRIFT, null, 0);
  }

  private void enter(String name) {
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    maxRunningOneServer.accumulateAndGet(
        runningPerServer.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet(), Math::max);
    sleep(delay);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      interrupted.set(true);
      Thread.currentThread().interrupt();
    }
  }

  private void leave(String name) {
    runningPerServer.get(name).decrementAndGet();
    running.decrementAndGet();
    finished.incrementAndGet();
  }
}
