package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.Display;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one server: plan it (one round trip), log each drift as one line, and in apply mode
 * converge it (the engine reuses that plan, so a server in sync costs one round trip). Its circuit
 * breaker counts unreachable runs; once open, the server is left alone for a while.
 */
final class ServerJob {
  private static final Logger log = LoggerFactory.getLogger(ServerJob.class);

  /** What a run gave. */
  record Result(ServerOutcome outcome, boolean skipped) {
    boolean failed() {
      return skipped || outcome.hasFailures();
    }
  }

  private final ServerReconciler reconciler;
  private final Targets targets;
  private final DaemonMetrics metrics;
  private final Clock clock;
  /** Threads planning now: a stop interrupts them (nothing has changed on their servers yet). */
  private final Set<Thread> planning = new HashSet<>();
  private boolean stopping;

  ServerJob(ServerReconciler reconciler, Targets targets, DaemonMetrics metrics, Clock clock) {
    this.reconciler = reconciler;
    this.targets = targets;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * No run starts any more, and the runs still planning (connecting, probing) are interrupted;
   * runs that are applying changes finish.
   */
  synchronized void stop() {
    stopping = true;
    planning.forEach(Thread::interrupt);
  }

  Result run(Server server, FleetSpec fleet, Mode mode, Schedule.Reason reason, CircuitBreaker breaker) {
    String name = server.name();
    synchronized (this) {
      if (stopping) {
        return new Result(new ServerOutcome(name, List.of(), "stopping", 0, Duration.ZERO), true);
      }
      planning.add(Thread.currentThread());
    }
    try {
      return runPlanning(server, fleet, mode, reason, breaker);
    } finally {
      synchronized (this) {
        planning.remove(Thread.currentThread());
        Thread.interrupted(); // an interrupt meant for planning must not reach the next run
      }
    }
  }

  private Result runPlanning(Server server, FleetSpec fleet, Mode mode, Schedule.Reason reason,
      CircuitBreaker breaker) {
    String name = server.name();
    if (!breaker.tryAcquirePermission()) {
      log.atWarn().addKeyValue("server", name).addKeyValue("result", "circuit_open")
          .addKeyValue("reason", reason.name().toLowerCase())
          .log("left alone after repeated unreachable runs");
      metrics.circuitOpen(name);
      return new Result(new ServerOutcome(name, List.of(), "circuit breaker open", 0, Duration.ZERO), true);
    }
    long start = System.nanoTime();
    ServerOutcome outcome;
    try {
      Target target = targets.of(server, fleet);
      outcome = reconciler.plan(target);
      if (!startApplying()) {
        breaker.releasePermission();
        log.atInfo().addKeyValue("server", name).addKeyValue("result", "abandoned")
            .log("stopping before any change");
        return new Result(outcome, true);
      }
      logDrift(outcome, mode);
      if (mode == Mode.APPLY && outcome.hasDrift() && !outcome.unreachable()) {
        outcome = reconciler.apply(target, (srv, module, change, error) -> metrics.changed(srv, error));
      }
    } catch (RuntimeException e) {
      // the secret store or Gardien itself, not the host: the breaker does not count it
      breaker.releasePermission();
      log.atError().addKeyValue("server", name).addKeyValue("result", "failed")
          .addKeyValue("error", e.getMessage()).log("run failed");
      outcome = new ServerOutcome(name, List.of(
          new ModuleOutcome("gardien", List.of(), List.of(), ModuleOutcome.Status.FAILED, e.getMessage(), 0)),
          null, 0, Duration.ofNanos(System.nanoTime() - start));
      metrics.outcome(outcome, outcome.duration(), clock.instant());
      return new Result(outcome, false);
    }
    long elapsed = System.nanoTime() - start;
    if (outcome.unreachable()) {
      breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IllegalStateException(outcome.error()));
    } else {
      breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
    }
    metrics.outcome(outcome, Duration.ofNanos(elapsed), clock.instant());
    log.atInfo().addKeyValue("server", name).addKeyValue("mode", mode.label())
        .addKeyValue("reason", reason.name().toLowerCase()).addKeyValue("result", DaemonMetrics.result(outcome))
        .addKeyValue("round_trips", outcome.roundTrips())
        .addKeyValue("duration_ms", Duration.ofNanos(elapsed).toMillis()).log("run finished");
    return new Result(outcome, false);
  }

  /** Leaves the planning phase: false when stopping (the run then changes nothing). */
  private synchronized boolean startApplying() {
    planning.remove(Thread.currentThread());
    Thread.interrupted();
    return !stopping;
  }

  private static void logDrift(ServerOutcome plan, Mode mode) {
    for (ModuleOutcome m : plan.modules()) {
      for (Change c : m.changes()) {
        log.atInfo().addKeyValue("server", plan.server()).addKeyValue("module", m.module())
            .addKeyValue("drift", Display.line(c)).addKeyValue("mode", mode.label()).log("drift found");
      }
    }
  }
}
