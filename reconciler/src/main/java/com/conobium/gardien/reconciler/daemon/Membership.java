package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.state.Fence;
import com.conobium.gardien.reconciler.state.LeaseStore;
import com.conobium.gardien.reconciler.state.StateException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon replica among others on one PostgreSQL state database. Every {@code lease / 3} it
 * records its heartbeat, reads which replicas are alive, works out which servers are its own by
 * rendezvous hashing over them, renews its leases, lets go of the servers now another's (unless a
 * run of theirs is in flight: it finishes first), and takes the free or expired leases of its own.
 *
 * <p>A replica that dies stops renewing: its leases expire at most {@code lease} after its last
 * round, and the others take its servers at their next round, so a server is without an owner
 * for at most {@code lease + lease / 3}. A replica that cannot reach the database, or was paused,
 * stops acting by itself: it counts its leases valid only until {@code lease - lease / 3} after the
 * start of its last successful round, measured on its own monotonic clock, which is before the
 * database lets anyone else take them; and each run it stores is fenced by the lease's epoch.
 *
 * <p>One more lease, {@link #GIT}, is shared out the same way: its owner follows the Git branch.
 */
public final class Membership implements Ownership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Membership.class);
  /** The lease whose owner follows the Git branch for all ({@link #followsGit()}): shared out like a server's. */
  public static final String GIT = "~git";

  private final LeaseStore leases;
  private final String replica;
  private final Duration lease;
  private final Supplier<List<String>> servers;
  private volatile Predicate<String> busy = server -> false;
  private final LongSupplier nanos;
  private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gardien-membership");
    t.setDaemon(true);
    return t;
  });
  private volatile Map<String, Long> held = Map.of();
  private volatile List<String> alive = List.of();
  private volatile long validUntil = Long.MIN_VALUE;

  /**
   * @param servers the servers of the revision in force
   */
  public Membership(LeaseStore leases, String replica, Duration lease, Supplier<List<String>> servers) {
    this(leases, replica, lease, servers, System::nanoTime);
  }

  Membership(LeaseStore leases, String replica, Duration lease, Supplier<List<String>> servers, LongSupplier nanos) {
    this.leases = leases;
    this.replica = replica;
    this.lease = lease;
    this.servers = servers;
    this.nanos = nanos;
  }

  /**
   * Runs a first round now, then one every {@code lease / 3}.
   *
   * @param busy whether a run of a server is in flight here (its lease is kept until it ends)
   */
  public void start(Predicate<String> busy) {
    this.busy = busy;
    round();
    long every = Math.max(1, lease.toMillis() / 3);
    rounds.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
  }

  /** One round: heartbeat, live replicas, renewals, releases, acquisitions. */
  void round() {
    long started = nanos.getAsLong();
    try {
      leases.heartbeat(replica);
      List<String> live = leases.live(lease);
      if (!live.contains(replica)) {
        live = new java.util.ArrayList<>(live);
        live.add(replica);
      }
      Map<String, Long> mine = new HashMap<>(leases.renew(replica, lease));
      List<String> names = new java.util.ArrayList<>(servers.get());
      names.add(GIT);
      for (String server : Set.copyOf(mine.keySet())) {
        if ((!names.contains(server) || !replica.equals(Rendezvous.owner(server, live))) && !busy.test(server)) {
          leases.release(server, replica);
          mine.remove(server);
          log.atInfo().addKeyValue("server", server).addKeyValue("replica", replica).log("lease released");
        }
      }
      List<String> wanted = new java.util.ArrayList<>();
      for (String server : names) {
        if (!mine.containsKey(server) && replica.equals(Rendezvous.owner(server, live))) {
          wanted.add(server);
        }
      }
      // all in one statement: a replica taking over a dead one's thousands does it in one round trip;
      // in name order, the order in which every replica locks the rows, so two never deadlock
      java.util.Collections.sort(wanted);
      Map<String, Long> taken = leases.acquireAll(wanted, replica, lease);
      mine.putAll(taken);
      if (taken.size() > 20) {
        log.atInfo().addKeyValue("replica", replica).addKeyValue("servers", taken.size()).log("leases taken");
      } else {
        taken.forEach((server, epoch) -> log.atInfo().addKeyValue("server", server).addKeyValue("replica", replica)
            .addKeyValue("epoch", epoch).log("lease taken"));
      }
      held = Map.copyOf(mine);
      alive = List.copyOf(live);
      validUntil = started + lease.minus(lease.dividedBy(3)).toNanos();
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("replica", replica).addKeyValue("error", e.getMessage())
          .log("lease round failed: the leases held count until they run out, then this replica stops acting");
    }
  }

  @Override
  public boolean owns(String server) {
    return held.containsKey(server) && nanos.getAsLong() - validUntil < 0;
  }

  @Override
  public Optional<Fence> fence(String server) {
    Long epoch = held.get(server);
    return epoch == null ? Optional.empty() : Optional.of(new Fence(replica, epoch));
  }

  @Override
  public Optional<String> replica() {
    return Optional.of(replica);
  }

  @Override
  public boolean followsGit() {
    return owns(GIT);
  }

  /** The replicas alive at the last round, this one included. */
  public List<String> live() {
    return alive;
  }

  /** The servers this replica holds now. */
  public Set<String> held() {
    Set<String> servers = new java.util.HashSet<>(held.keySet());
    servers.remove(GIT);
    return Set.copyOf(servers);
  }

  /** Stops the rounds and lets every lease go at once, for the others to take. */
  @Override
  public void close() {
    rounds.shutdownNow();
    try {
      rounds.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    held = Map.of();
    try {
      leases.leave(replica);
    } catch (StateException e) {
      log.atWarn().addKeyValue("replica", replica).addKeyValue("error", e.getMessage())
          .log("leases not released: they run out by themselves");
    }
  }
}
