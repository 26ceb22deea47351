package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.Display;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one server: plan it (one round trip), log each drift as one line, and in apply mode
 * converge it (the engine reuses that plan, so a server in sync costs one round trip), then run the
 * controller's own stage (ACME orders and renewals), which a server in sync runs too when it is
 * due. Its circuit breaker counts unreachable runs; once open, the server is left alone for a
 * while.
 */
final class ServerJob {
  private static final Logger log = LoggerFactory.getLogger(ServerJob.class);

  /**
   * What a run gave.
   *
   * @param outcome the final outcome (the plan's, or the apply's)
   * @param skipped whether the run was not made (circuit open, stopping)
   * @param driftCount how many changes the plan found
   * @param changes the drift found (nothing applied) or each change applied or failed, masked
   */
  record Result(ServerOutcome outcome, boolean skipped, int driftCount, List<ChangeRecord> changes) {
    Result {
      changes = List.copyOf(changes);
    }

    Result(ServerOutcome outcome, boolean skipped) {
      this(outcome, skipped, 0, List.of());
    }

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

  /** Another replica owns {@code server} now: its connection and cached plan are let go. */
  void release(Server server, com.conobium.gardien.model.FleetSpec fleet) {
    try {
      reconciler.release(targets.of(server, fleet));
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("server", server.name()).addKeyValue("error", e.getMessage())
          .log("its connection not let go");
    }
  }

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
    int driftCount = 0;
    List<ChangeRecord> changes = List.of();
    List<ChangeRecord> applied = Collections.synchronizedList(new ArrayList<>());
    try {
      Target target = targets.of(server, fleet);
      outcome = reconciler.plan(target);
      if (!startApplying()) {
        breaker.releasePermission();
        log.atInfo().addKeyValue("server", name).addKeyValue("result", "abandoned")
            .log("stopping before any change");
        return new Result(outcome, true);
      }
      List<ChangeRecord> drift = drift(outcome);
      logDrift(name, drift, mode);
      driftCount = drift.size();
      boolean stageDue = mode == Mode.APPLY && !outcome.unreachable() && reconciler.stage().due(target);
      if (mode == Mode.APPLY && !outcome.unreachable() && (outcome.hasDrift() || stageDue)) {
        ApplyListener listener = (srv, module, change, error) -> {
          metrics.changed(srv, error);
          applied.add(new ChangeRecord(module, Display.line(change),
              error == null ? ChangeRecord.Status.APPLIED : ChangeRecord.Status.FAILED, error));
        };
        if (outcome.hasDrift()) {
          outcome = reconciler.apply(target, listener);
        }
        // then the controller's own work (ACME orders and renewals), also for a server in sync
        outcome = reconciler.stage().after(target, outcome, listener);
        changes = List.copyOf(applied);
      } else {
        changes = drift;
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
      return new Result(outcome, false, driftCount, applied.isEmpty() ? changes : List.copyOf(applied));
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
    return new Result(outcome, false, driftCount, changes);
  }

  /** Leaves the planning phase: false when stopping (the run then changes nothing). */
  private synchronized boolean startApplying() {
    planning.remove(Thread.currentThread());
    Thread.interrupted();
    return !stopping;
  }

  private static List<ChangeRecord> drift(ServerOutcome plan) {
    List<ChangeRecord> drift = new ArrayList<>();
    for (ModuleOutcome m : plan.modules()) {
      for (Change c : m.changes()) {
        drift.add(new ChangeRecord(m.module(), Display.line(c), ChangeRecord.Status.DRIFT, null));
      }
    }
    return drift;
  }

  private static void logDrift(String server, List<ChangeRecord> drift, Mode mode) {
    for (ChangeRecord d : drift) {
      log.atInfo().addKeyValue("server", server).addKeyValue("module", d.module())
          .addKeyValue("drift", d.line()).addKeyValue("mode", mode.label()).log("drift found");
    }
  }
}
