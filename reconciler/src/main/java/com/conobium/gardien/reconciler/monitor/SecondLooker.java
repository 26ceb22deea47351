package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.state.SecondLookStore;
import com.conobium.gardien.reconciler.state.StateException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other side of two vantage points: this replica looks at the servers other replicas see
 * failing, from where it stands, and records what it saw. Every few seconds it reads the standing
 * requests; each server asked about (not its own, still failing for its owner: asked again within
 * two of its intervals, or ten seconds) is looked at once an interval — the same checks as the owner's round, no credential —
 * on a small pool, so a slow server holds up no other.
 */
public final class SecondLooker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SecondLooker.class);
  /** How often the requests are read: a look follows a request within this, well inside an interval. */
  public static final Duration EVERY = Duration.ofSeconds(2);

  private final SecondLookStore store;
  private final String replica;
  private final Predicate<String> owned;
  private final Function<String, Optional<Server>> servers;
  private final LongSupplier nanos;
  private final SSLSocketFactory tls = SiteCheck.visitorTls();
  private final Map<String, Long> lastLook = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService looks = Executors.newFixedThreadPool(4, r -> {
    Thread t = new Thread(r, "gardien-second-look");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gardien-second-looks");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param replica this replica's id
   * @param owned whether this replica owns a server (then it watches it itself)
   * @param servers a server of the revision in force, by name
   */
  public SecondLooker(SecondLookStore store, String replica, Predicate<String> owned,
      Function<String, Optional<Server>> servers) {
    this(store, replica, owned, servers, System::nanoTime);
  }

  SecondLooker(SecondLookStore store, String replica, Predicate<String> owned,
      Function<String, Optional<Server>> servers, LongSupplier nanos) {
    this.store = store;
    this.replica = replica;
    this.owned = owned;
    this.servers = servers;
    this.nanos = nanos;
  }

  /** Reads the requests now, then every {@link #EVERY}. */
  public void start() {
    rounds.scheduleWithFixedDelay(this::round, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One reading of the requests; the looks it starts run on the pool. */
  void round() {
    SecondLookStore.Requests requests;
    try {
      requests = store.requests();
    } catch (StateException e) {
      log.atWarn().addKeyValue("error", e.getMessage()).log("requests for second looks not read");
      return;
    }
    for (SecondLookStore.Request request : requests.requests()) {
      String name = request.server();
      if (request.askedBy().equals(replica) || owned.test(name) || inFlight.contains(name)) {
        continue;
      }
      Optional<Server> server = servers.apply(name);
      if (server.isEmpty()) {
        continue;
      }
      Duration interval = MonitorTask.interval(server.get());
      Long last = lastLook.get(name);
      if (request.renewed().isBefore(requests.now().minus(MonitorTask.secondLookWait(interval, 2)))
          || last != null && nanos.getAsLong() - last < interval.toNanos()) {
        continue; // its owner stopped asking (gone, or the server answers), or looked at within the interval
      }
      inFlight.add(name);
      lastLook.put(name, nanos.getAsLong());
      try {
        looks.execute(() -> look(server.get()));
      } catch (RejectedExecutionException e) {
        inFlight.remove(name); // closing
      }
    }
  }

  /** One round of the server's checks from here, recorded for its owner. */
  void look(Server server) {
    try {
      List<Observation> round = MonitorTask.checks(server, false, tls).stream()
          .map(c -> c.run(MonitorTask.timeout(MonitorTask.interval(server)))).toList();
      List<String> failed = round.stream().filter(Observation::failedDeciding).map(Observation::check).toList();
      store.record(server.name(), replica, !failed.isEmpty(), String.join(", ", failed));
      log.atInfo().addKeyValue("server", server.name()).addKeyValue("failed", String.join(", ", failed))
          .log(failed.isEmpty() ? "second look: reached from here" : "second look: failing from here too");
    } catch (StateException e) {
      log.atWarn().addKeyValue("server", server.name()).addKeyValue("error", e.getMessage())
          .log("second look not recorded");
    } finally {
      inFlight.remove(server.name());
    }
  }

  @Override
  public void close() {
    rounds.shutdownNow();
    looks.shutdownNow();
    try {
      looks.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
