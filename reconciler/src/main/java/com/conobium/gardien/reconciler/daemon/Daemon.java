package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.git.GitSourceException;
import com.conobium.gardien.reconciler.git.Revision;
import com.conobium.gardien.reconciler.state.CheckRecord;
import com.conobium.gardien.reconciler.state.LeaseLostException;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import com.conobium.gardien.reconciler.state.RevisionRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateRepository;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.ThreadPoolBulkhead;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitOps loop of {@code gardien run}. One thread fetches the config repository every poll
 * interval (or at once when {@link #requestFetch()} is called, e.g. by the webhook), lets each new
 * revision through the {@link RevisionGate}, and hands each server that is due (see
 * {@link Schedule}) to a Resilience4j thread-pool bulkhead, which runs at most
 * {@code parallel} servers at once. A server is never run twice at the same time; each has its own
 * circuit breaker. Stopping lets the servers that are applying changes finish and abandons those
 * still connecting or probing. Each finished run is written to the state database (status, run
 * history, changes); a restarted daemon starts from the stored statuses, so a server whose desired
 * state did not change and whose last run succeeded waits for its drift interval as before.
 *
 * <p>Besides the reconcile, the daemon runs other kinds of work ({@link PeriodicTask}: the
 * monitoring's checks, later the maintenance) for each server at each kind's interval, on workers
 * of their own so that a long reconcile never delays them, one run per kind and server at a time.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final GitSource source;
  private final RevisionGate gate;
  private final ServerJob job;
  private final DaemonSettings settings;
  private final Clock clock;
  private final Schedule schedule;
  private final Duration tick;
  private final ThreadPoolBulkhead bulkhead;
  private final CircuitBreakerRegistry breakers;
  private final DaemonMetrics metrics;
  private final StateRepository store;
  private final SpecHasher hasher = new SpecHasher();
  private final Ownership ownership;
  /** How often a replica that does not follow the branch reads the recorded revision in force. */
  static final Duration FOLLOW_EVERY = Duration.ofSeconds(5);
  /** The servers this replica owned at the last tick (a server taken over is read again from the database). */
  private final Set<String> ownedLastTick = ConcurrentHashMap.newKeySet();

  private final Map<String, ServerState> states = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /**
   * The periodic tasks (kinds of work besides the reconcile), each kind's workers (apart from the
   * reconciles' {@code --parallel}, see {@link PeriodicTask#workers()}), the runs in flight and
   * the next run of each kind and server, with the timing it was planned by.
   */
  private final List<PeriodicTask> tasks;
  private final Map<String, ThreadPoolBulkhead> taskWorkers = new ConcurrentHashMap<>();
  private final Set<String> tasksInFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Planned> nextTaskRun = new ConcurrentHashMap<>();

  /** A task's next run for one server, and the timing that planned it. */
  private record Planned(TaskTiming timing, Instant at) {}
  /** Servers to run at the next tick whatever their schedule: their breaker was just reset. */
  private final Set<String> retryNow = ConcurrentHashMap.newKeySet();
  /** Servers an operator asked to run at the next tick. */
  private final Set<String> requested = ConcurrentHashMap.newKeySet();
  private final Semaphore wake = new Semaphore(0);
  private final AtomicBoolean fetchRequested = new AtomicBoolean(true);
  private volatile boolean stopping;
  private volatile Thread loop;
  private volatile Instant lastFetch;
  private volatile String lastFetchError;
  /** The revision whose keys are in {@link #keys}; touched by the loop thread only. */
  private GoodRevision keyed;
  private Map<String, SpecKey> keys = Map.of();

  /**
   * A daemon that carries on from the statuses stored in {@code store}.
   *
   * @throws StateException when the stored statuses cannot be read
   */
  public Daemon(GitSource source, RevisionGate gate, ServerReconciler reconciler,
      Targets targets, DaemonMetrics metrics, StateRepository store,
      DaemonSettings settings, Clock clock, Duration tick) {
    this(source, gate, reconciler, targets, metrics, store, settings, clock, tick, List.of());
  }

  /**
   * A daemon that also runs {@code tasks} for each server, each kind on its own schedule.
   *
   * @throws StateException when the stored statuses cannot be read
   */
  public Daemon(GitSource source, RevisionGate gate, ServerReconciler reconciler,
      Targets targets, DaemonMetrics metrics, StateRepository store,
      DaemonSettings settings, Clock clock, Duration tick, List<PeriodicTask> tasks) {
    this(source, gate, reconciler, targets, metrics, store, settings, clock, tick, tasks, Ownership.everything());
  }

  /**
   * A replica among others: it acts only on the servers {@code ownership} gives it, and each run
   * it stores is fenced by the server's lease.
   *
   * @throws StateException when the stored statuses cannot be read
   */
  public Daemon(GitSource source, RevisionGate gate, ServerReconciler reconciler,
      Targets targets, DaemonMetrics metrics, StateRepository store,
      DaemonSettings settings, Clock clock, Duration tick, List<PeriodicTask> tasks, Ownership ownership) {
    this.ownership = ownership;
    this.tasks = List.copyOf(tasks);
    for (PeriodicTask task : this.tasks) {
      taskWorkers.put(task.kind(), ThreadPoolBulkhead.of(task.kind(), ThreadPoolBulkheadConfig.custom()
          .coreThreadPoolSize(task.workers())
          .maxThreadPoolSize(task.workers())
          .queueCapacity(10_000)
          .build()));
    }
    this.source = source;
    this.gate = gate;
    this.metrics = metrics;
    this.store = store;
    this.job = new ServerJob(reconciler, targets, metrics, clock);
    this.settings = settings;
    this.clock = clock;
    this.tick = tick;
    this.schedule = new Schedule(settings.driftInterval(), settings.retryInterval());
    this.bulkhead = ThreadPoolBulkhead.of("servers", ThreadPoolBulkheadConfig.custom()
        .coreThreadPoolSize(settings.parallel())
        .maxThreadPoolSize(settings.parallel())
        .queueCapacity(10_000)
        .build());
    this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.breakerFailures())
        .minimumNumberOfCalls(settings.breakerFailures())
        .failureRateThreshold(100)
        .waitDurationInOpenState(settings.breakerOpen())
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
    store.servers().forEach((name, r) -> states.put(name, new ServerState(new SpecKey(r.specHash()),
        r.lastStart(), r.lastFailed(), r.lastSuccess(), Mode.parse(r.mode()), r.lastResult(),
        r.consecutiveFailures())));
    if (!states.isEmpty()) {
      log.info("carrying on from the state database: {} server(s) known", states.size());
    }
  }

  /** Starts the loop on its own thread. */
  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("already started");
    }
    loop = new Thread(this::loop, "gardien-daemon");
    loop.start();
  }

  /** Fetches the config repository at the next moment instead of waiting for the poll interval. */
  public void requestFetch() {
    fetchRequested.set(true);
    wake.release();
  }

  /**
   * Runs {@code server} at the next tick whatever its schedule (an operator asked for it), unless
   * a run of it is in flight already; its open circuit breaker, if any, is closed first.
   *
   * @return false when the revision in force has no such server
   */
  public boolean requestRun(String server) {
    GoodRevision good = gate.inForce();
    if (good == null || good.repo().servers().stream().noneMatch(s -> s.name().equals(server))) {
      return false;
    }
    breakers.find(server).ifPresent(CircuitBreaker::reset);
    requested.add(server);
    wake.release();
    return true;
  }

  /** Whether the loop is running. */
  public boolean alive() {
    Thread t = loop;
    return t != null && t.isAlive() && !stopping;
  }

  /** The revision in force, if any. */
  public Optional<GoodRevision> inForce() {
    return Optional.ofNullable(gate.inForce());
  }

  /** When the repository was last fetched successfully; null before the first time. */
  public Instant lastFetch() {
    return lastFetch;
  }

  /** Why the last fetch failed; null when it worked. */
  public String lastFetchError() {
    return lastFetchError;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /** Whether a run of {@code server} is in flight here. */
  public boolean running(String server) {
    return inFlight.contains(server);
  }

  /** Which servers this replica acts on. */
  public Ownership ownership() {
    return ownership;
  }

  /** A copy of what is known of each server, by name. */
  public Map<String, ServerStatus> status() {
    return states.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
      ServerState s = e.getValue();
      return new ServerStatus(s.mode().label(), s.lastResult(), s.lastStart(), s.lastSuccess(),
          inFlight.contains(e.getKey()));
    }, (a, b) -> a, TreeMap::new));
  }

  /**
   * Stops: no new server starts, the servers in flight finish (up to the shutdown grace), then the
   * threads end. Safe to call more than once.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    log.info("stopping: {} server(s) in flight", inFlight.size());
    job.stop();
    wake.release();
    Thread t = loop;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(settings.shutdownGrace().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
    while ((!inFlight.isEmpty() || awaitedTasksInFlight()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!inFlight.isEmpty()) {
      log.warn("stopped with server(s) still in flight after {}: {}", settings.shutdownGrace(), inFlight);
    }
    try {
      bulkhead.close();
      for (PeriodicTask task : tasks) {
        ThreadPoolBulkhead workers = taskWorkers.get(task.kind());
        if (task.leftBehindOnStop()) {
          // closing waits up to 5 s for the runs still going: those are left behind, on a thread of their own
          Thread closing = new Thread(() -> {
            try {
              workers.close();
            } catch (Exception e) {
              log.warn("closing the {} workers: {}", task.kind(), e.getMessage());
            }
          }, "gardien-close-" + task.kind());
          closing.setDaemon(true);
          closing.start();
        } else {
          workers.close();
        }
      }
    } catch (Exception e) {
      log.warn("closing the worker pool: {}", e.getMessage());
    }
    for (PeriodicTask task : tasks) {
      try {
        task.close();
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("task", task.kind()).addKeyValue("error", e.getMessage()).log("task not closed");
      }
    }
    source.close();
    log.info("stopped");
  }

  /** Whether a task run the daemon waits for when it stops is still going (not one it leaves behind). */
  private boolean awaitedTasksInFlight() {
    return tasks.stream().filter(t -> !t.leftBehindOnStop())
        .anyMatch(t -> tasksInFlight.stream().anyMatch(key -> key.startsWith(t.kind() + "/")));
  }

  private void loop() {
    Instant nextFetch = clock.instant();
    while (!stopping) {
      try {
        Instant now = clock.instant();
        boolean requested = fetchRequested.getAndSet(false);
        if (requested || !now.isBefore(nextFetch)) {
          fetch(requested);
          // a replica that does not follow the branch looks at the recorded revision more often: a query, not a fetch
          nextFetch = clock.instant().plus(ownership.followsGit() ? settings.poll() : min(settings.poll(), FOLLOW_EVERY));
        }
        scheduleDue();
      } catch (RuntimeException e) {
        log.error("daemon loop: {}", e.toString(), e);
      }
      try {
        wake.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS);
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Fetches the branch and offers its head to the gate; a replica that does not follow the branch
   * applies the recorded revision in force instead, unless a fetch was asked for (the webhook
   * reached it): then it fetches as well, and the follower records the same revision soon after.
   */
  private void fetch(boolean requested) {
    if (!ownership.followsGit() && !requested) {
      followRecordedRevision();
      return;
    }
    Revision head;
    try {
      head = source.fetch();
      lastFetch = clock.instant();
      lastFetchError = null;
    } catch (GitSourceException e) {
      metrics.fetchFailed();
      lastFetchError = e.getMessage();
      log.atWarn().addKeyValue("repository", source.url()).addKeyValue("result", "fetch_failed")
          .addKeyValue("error", e.getMessage()).log("fetch failed");
      return;
    }
    try {
      gate.offer(head);
    } catch (GitSourceException e) {
      lastFetchError = e.getMessage();
      log.atWarn().addKeyValue("revision", head.id()).addKeyValue("result", "unreadable")
          .addKeyValue("error", e.getMessage()).log("revision unreadable");
    }
  }

  /**
   * A replica that does not follow the branch applies the revision in force that the one who does
   * recorded: fetched only when it changed (for its content), checked out and read here too.
   */
  private void followRecordedRevision() {
    try {
      Optional<RevisionRecord> recorded = store.revision();
      GoodRevision good = gate.inForce();
      if (recorded.isEmpty() || (good != null && good.revision().id().equals(recorded.get().id()))) {
        lastFetch = clock.instant();
        lastFetchError = null;
        return;
      }
      source.fetch();
      lastFetch = clock.instant();
      lastFetchError = null;
      RevisionRecord r = recorded.get();
      gate.offer(new Revision(r.id(), r.committed(), r.subject()));
      log.atInfo().addKeyValue("revision", r.id()).log("following the revision in force recorded by the Git follower");
    } catch (GitSourceException | StateException e) {
      lastFetchError = e.getMessage();
      log.atWarn().addKeyValue("result", "not_followed").addKeyValue("error", e.getMessage())
          .log("revision in force not followed");
    }
  }

  private void scheduleDue() {
    GoodRevision good = gate.inForce();
    if (good == null || stopping) {
      return;
    }
    ConfigRepo repo = good.repo();
    if (good != keyed) {
      keys = repo.servers().stream().collect(Collectors.toMap(Server::name,
          s -> hasher.key(s.spec(), repo.fleet())));
      if (keyed != null && !keyed.revision().id().equals(good.revision().id())) {
        retryNow.addAll(resetOpenBreakers());
      }
      keyed = good;
      saveRevision(good);
      for (Server server : repo.servers()) {
        if (ownership.owns(server.name())) {
          manage(server);
        }
      }
    }
    Instant now = clock.instant();
    StoredStatuses stored = new StoredStatuses();
    for (Server server : repo.servers()) {
      if (!owned(server, repo.fleet(), stored) || inFlight.contains(server.name())) {
        continue;
      }
      SpecKey key = keys.get(server.name());
      Optional<Schedule.Reason> reason = requested.remove(server.name()) ? Optional.of(Schedule.Reason.REQUESTED)
          : retryNow.remove(server.name()) ? Optional.of(Schedule.Reason.RETRY)
          : schedule.due(states.get(server.name()), key, now);
      reason.ifPresent(r -> submit(server, repo.fleet(), key, good.revision().id(), r));
    }
    scheduleTasks(repo, now);
    Set<String> names = repo.servers().stream().map(Server::name).collect(Collectors.toSet());
    nextTaskRun.keySet().removeIf(key -> !names.contains(key.substring(key.indexOf('/') + 1)));
    for (String gone : Set.copyOf(states.keySet())) {
      if (!names.contains(gone) && !inFlight.contains(gone)) {
        states.remove(gone);
        try {
          store.forget(gone);
        } catch (StateException e) {
          log.atWarn().addKeyValue("server", gone).addKeyValue("error", e.getMessage())
              .log("state database not written");
        }
        breakers.remove(gone);
        retryNow.remove(gone);
        requested.remove(gone);
        metrics.forget(gone);
        log.atInfo().addKeyValue("server", gone).addKeyValue("result", "forgotten")
            .log("no longer in the repository");
      }
    }
  }

  /**
   * Whether this replica owns {@code server} now. A server it just took over is read again from
   * the state database first, so it carries on from the previous owner's last run.
   */
  private boolean owned(Server owned, com.conobium.gardien.model.FleetSpec fleet, StoredStatuses stored) {
    String server = owned.name();
    if (!ownership.owns(server)) {
      if (ownedLastTick.remove(server) && ownership.replica().isPresent()) {
        metrics.forget(server); // another replica's now: its series are that replica's to export
        tasks.forEach(t -> t.release(server));
        job.release(owned, fleet); // and its connection: replicas that joined and left keep none of theirs
      }
      return false;
    }
    if (ownedLastTick.add(server) && ownership.replica().isPresent()) {
      try {
        ServerRecord r = stored.get().get(server);
        if (r != null) {
          states.put(server, new ServerState(new SpecKey(r.specHash()), r.lastStart(), r.lastFailed(), r.lastSuccess(),
              Mode.parse(r.mode()), r.lastResult(), r.consecutiveFailures()));
        }
      } catch (StateException e) {
        log.atWarn().addKeyValue("server", server).addKeyValue("error", e.getMessage())
            .log("stored status not read: the server is run as if new");
      }
      manage(owned);
      log.atInfo().addKeyValue("server", server).addKeyValue("replica", ownership.replica().get())
          .log("server taken over");
    }
    return true;
  }

  /** The stored statuses, read at most once per tick, when a server was taken over. */
  private final class StoredStatuses implements java.util.function.Supplier<Map<String, ServerRecord>> {
    private Map<String, ServerRecord> read;

    @Override
    public Map<String, ServerRecord> get() {
      if (read == null) {
        read = store.servers();
      }
      return read;
    }
  }

  private void manage(Server server) {
    ServerState known = states.get(server.name());
    metrics.managing(server.name(), server.spec().profile(), Mode.of(server.spec(), settings.defaultMode()).label(),
        known != null && known.lastSuccess() != null ? known.lastSuccess() : clock.instant());
  }

  /** Submits each periodic task whose run is due for a server, unless one is still running. */
  private void scheduleTasks(ConfigRepo repo, Instant now) {
    for (PeriodicTask task : tasks) {
      for (Server server : repo.servers()) {
        if (!ownership.owns(server.name())) {
          continue;
        }
        String key = task.kind() + "/" + server.name();
        Optional<TaskTiming> timing = task.timing(server, repo.fleet());
        if (timing.isEmpty()) {
          nextTaskRun.remove(key);
          continue;
        }
        Planned planned = nextTaskRun.get(key);
        if (planned == null || !planned.timing().equals(timing.get())) {
          planned = new Planned(timing.get(), timing.get().first(key, now));
          nextTaskRun.put(key, planned);
        }
        if (now.isBefore(planned.at()) || tasksInFlight.contains(key)) {
          continue;
        }
        nextTaskRun.put(key, new Planned(planned.timing(), planned.timing().next(key, planned.at(), now)));
        submitTask(task, server, repo.fleet(), key);
      }
    }
  }

  private void submitTask(PeriodicTask task, Server server, FleetSpec fleet, String key) {
    tasksInFlight.add(key);
    try {
      taskWorkers.get(task.kind()).submit(() -> {
        if (!stopping) {
          task.run(server, fleet);
        }
        return null;
      }).whenComplete((ignored, error) -> {
        if (error != null) {
          log.atError().addKeyValue("server", server.name()).addKeyValue("task", task.kind())
              .addKeyValue("result", "failed").addKeyValue("error", error.toString()).log("task failed");
        }
        tasksInFlight.remove(key);
      });
    } catch (BulkheadFullException e) {
      tasksInFlight.remove(key);
    }
  }

  /**
   * A new revision may hold the fix for a server whose breaker is open: every open (or half-open)
   * breaker is closed again, and those servers are tried at once.
   *
   * @return the servers whose breaker was open
   */
  private Set<String> resetOpenBreakers() {
    Set<String> reset = new java.util.HashSet<>();
    breakers.getAllCircuitBreakers().forEach(b -> {
      if (b.getState() == CircuitBreaker.State.OPEN || b.getState() == CircuitBreaker.State.HALF_OPEN) {
        b.reset();
        reset.add(b.getName());
        log.atInfo().addKeyValue("server", b.getName()).addKeyValue("result", "breaker_reset")
            .log("new revision: circuit breaker closed, trying the server again");
      }
    });
    return reset;
  }

  private void saveRevision(GoodRevision good) {
    try {
      Optional<RevisionRecord> stored = store.revision();
      if (stored.isEmpty() || !stored.get().id().equals(good.revision().id())) {
        store.saveRevision(new RevisionRecord(good.revision().id(), good.revision().committed(),
            good.revision().subject(), clock.instant()));
      }
    } catch (StateException e) {
      log.atWarn().addKeyValue("revision", good.revision().id()).addKeyValue("error", e.getMessage())
          .log("state database not written");
    }
  }

  private void submit(Server server, FleetSpec fleet, SpecKey key, String revision, Schedule.Reason reason) {
    String name = server.name();
    Mode mode = Mode.of(server.spec(), settings.defaultMode());
    inFlight.add(name);
    try {
      bulkhead.submit(() -> runOne(server, fleet, key, revision, mode, reason))
          .whenComplete((ignored, error) -> {
            if (error != null) {
              log.atError().addKeyValue("server", name).addKeyValue("result", "failed")
                  .addKeyValue("error", error.toString()).log("run failed");
            }
            inFlight.remove(name);
          });
    } catch (BulkheadFullException e) {
      inFlight.remove(name);
    }
  }

  private Void runOne(Server server, FleetSpec fleet, SpecKey key, String revision, Mode mode,
      Schedule.Reason reason) {
    if (stopping) {
      return null;
    }
    Instant start = clock.instant();
    ServerState before = states.get(server.name());
    CircuitBreaker breaker = breakers.circuitBreaker(server.name());
    boolean failed = true;
    String result = "failed";
    ServerJob.Result r = null;
    try {
      r = job.run(server, fleet, mode, reason, breaker);
      failed = r.failed();
      result = !r.skipped() ? DaemonMetrics.result(r.outcome()) : stopping ? "abandoned" : "circuit_open";
    } finally {
      Instant lastSuccess = failed ? (before == null ? null : before.lastSuccess()) : clock.instant();
      int failures = failed ? (before == null ? 0 : before.consecutiveFailures()) + 1 : 0;
      ServerState after = new ServerState(key, start, failed, lastSuccess, mode, result, failures);
      states.put(server.name(), after);
      if (!"abandoned".equals(result)) {
        // an abandoned run changed nothing: after a restart the server carries on from its last real run
        save(server.name(), revision, reason, after, r);
      }
    }
    return null;
  }

  private void save(String name, String revision, Schedule.Reason reason, ServerState s, ServerJob.Result r) {
    ServerRecord status = new ServerRecord(name, s.key().hash(), s.mode().label(), s.lastResult(), s.lastFailed(),
        s.lastStart(), s.lastSuccess(), s.consecutiveFailures(), revision);
    ServerOutcome outcome = r == null ? null : r.outcome();
    int applied = outcome == null ? 0 : outcome.modules().stream().mapToInt(ModuleOutcome::applied).sum();
    int failedModules = outcome == null ? 0 : (int) outcome.modules().stream()
        .filter(m -> m.status() == ModuleOutcome.Status.FAILED || m.status() == ModuleOutcome.Status.SKIPPED)
        .count();
    RunRecord run = new RunRecord(0, name, revision, s.lastStart(), Duration.between(s.lastStart(), clock.instant()),
        reason.name().toLowerCase(java.util.Locale.ROOT), s.mode().label(), s.lastResult(),
        outcome == null ? 0 : outcome.roundTrips(), r == null ? 0 : r.driftCount(), applied, failedModules,
        error(outcome));
    try {
      store.saveRun(status, run, r == null ? List.of() : r.changes(), ownership.fence(name).orElse(null));
      store.saveReadings(readings(name, outcome, clock.instant()));
      store.saveChecks(name, checks(name, outcome, clock.instant()));
    } catch (LeaseLostException e) {
      log.atWarn().addKeyValue("server", name).addKeyValue("error", e.getMessage()).log("run not stored");
    } catch (StateException e) {
      log.atWarn().addKeyValue("server", name).addKeyValue("error", e.getMessage())
              .log("state database not written");
    }
  }

  /** The readings of a run, as the state database keeps them over time. */
  private static List<ReadingRecord> readings(String server, ServerOutcome outcome, Instant taken) {
    if (outcome == null) {
      return List.of();
    }
    List<ReadingRecord> readings = new java.util.ArrayList<>();
    for (ModuleOutcome m : outcome.modules()) {
      m.readings().forEach(r -> readings.add(new ReadingRecord(server, r.name(), r.labels(), taken, r.value())));
    }
    return readings;
  }

  /** The check results of the modules a run read (a module that failed or was skipped keeps its last). */
  private static List<CheckRecord> checks(String server, ServerOutcome outcome, Instant at) {
    if (outcome == null) {
      return List.of();
    }
    List<CheckRecord> checks = new java.util.ArrayList<>();
    for (ModuleOutcome m : outcome.modules()) {
      if (m.status() == ModuleOutcome.Status.FAILED || m.status() == ModuleOutcome.Status.SKIPPED) {
        continue;
      }
      m.checks().forEach(c -> checks.add(new CheckRecord(server, m.module(), c.name(), c.passed(),
          c.expected() == null ? "" : c.expected(), c.actual() == null ? "" : c.actual(), at)));
    }
    return checks;
  }

  private static String error(ServerOutcome outcome) {
    if (outcome == null) {
      return "the run ended unexpectedly";
    }
    if (outcome.error() != null) {
      return outcome.error();
    }
    return outcome.modules().stream().map(ModuleOutcome::error).filter(java.util.Objects::nonNull)
        .findFirst().orElse(null);
  }
}
