package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.LeaseStore;
import com.conobium.gardien.reconciler.state.PostgresServer;
import com.conobium.gardien.reconciler.state.StateDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replicas sharing servers through real PostgreSQL leases, one round at a time. */
class MembershipTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  static final Duration LEASE = Duration.ofSeconds(30);
  static final List<String> SERVERS = IntStream.range(0, 30).mapToObj(i -> "web" + i).toList();

  @Test
  void replicasShareTheServersOneOwnerEachAndTheSurvivorTakesAllWhenTheOtherLeaves() throws Exception {
    try (StateDatabase db = StateDatabase.open(postgres.newDatabase())) {
      LeaseStore leases = db.leases();
      Membership a = new Membership(leases, "a", LEASE, () -> SERVERS);
      Membership b = new Membership(leases, "b", LEASE, () -> SERVERS);
      a.round(); // alone so far: a takes everything
      assertThat(a.held()).hasSize(30);
      b.round(); // b is alive now, but a holds its servers until a lets them go
      assertThat(b.held()).isEmpty();
      a.round(); // a sees b and lets b's servers go
      b.round(); // b takes them
      assertThat(a.held()).isNotEmpty();
      assertThat(b.held()).isNotEmpty();
      Set<String> all = new HashSet<>(a.held());
      assertThat(b.held()).as("one owner each").doesNotContainAnyElementsOf(a.held());
      all.addAll(b.held());
      assertThat(all).containsExactlyInAnyOrderElementsOf(SERVERS);
      SERVERS.forEach(s -> assertThat(a.owns(s) ^ b.owns(s)).as(s).isTrue());

      a.close(); // a graceful stop: its leases end at once
      b.round();
      assertThat(b.held()).hasSize(30);
    }
  }

  @Test
  void aServerWithARunInFlightIsKeptUntilTheRunEnds() throws Exception {
    try (StateDatabase db = StateDatabase.open(postgres.newDatabase())) {
      LeaseStore leases = db.leases();
      Membership a = new Membership(leases, "a", LEASE, () -> SERVERS);
      Set<String> busy = new HashSet<>(SERVERS);
      a.start(busy::contains);
      Membership b = new Membership(leases, "b", LEASE, () -> SERVERS);
      b.round();
      a.round();
      assertThat(a.held()).as("every run in flight: nothing let go").hasSize(30);
      busy.clear();
      a.round();
      assertThat(a.held()).hasSizeLessThan(30);
      a.close();
    }
  }

  @Test
  void aReplicaThatCannotRenewStopsActingBeforeItsLeasesCanBeTaken() throws Exception {
    try (StateDatabase db = StateDatabase.open(postgres.newDatabase())) {
      AtomicLong nanos = new AtomicLong();
      Membership a = new Membership(db.leases(), "a", LEASE, () -> SERVERS, nanos::get);
      a.round();
      assertThat(a.owns("web1")).isTrue();
      nanos.addAndGet(LEASE.minus(LEASE.dividedBy(3)).toNanos() - 1);
      assertThat(a.owns("web1")).isTrue();
      nanos.addAndGet(2);
      assertThat(a.owns("web1")).as("no successful round for two thirds of the lease").isFalse();
    }
  }
}
