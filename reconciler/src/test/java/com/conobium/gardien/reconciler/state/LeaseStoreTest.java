package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases and heartbeats on a real PostgreSQL server: taken, kept, expired, released, fenced. */
class LeaseStoreTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();
  static final Duration TTL = Duration.ofSeconds(60);

  StateDatabase db;
  LeaseStore leases;

  @BeforeEach
  void open() throws Exception {
    db = StateDatabase.open(postgres.newDatabase());
    leases = db.leases();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFreeLeaseIsTakenAndKeptByItsOwnerAndRefusedToOthersUntilItExpires() throws Exception {
    assertThat(leases.acquire("web1", "a", TTL)).hasValue(1);
    assertThat(leases.acquire("web1", "a", TTL)).as("kept, same epoch").hasValue(1);
    assertThat(leases.acquire("web1", "b", TTL)).isEmpty();

    assertThat(leases.acquire("web2", "a", Duration.ofMillis(300))).hasValue(1);
    Thread.sleep(400);
    assertThat(leases.renew("a", TTL)).as("an expired lease is not renewed").containsOnlyKeys("web1");
    assertThat(leases.acquire("web2", "b", TTL)).as("expired: taken, next epoch").hasValue(2);
    assertThat(leases.leases()).extracting(Lease::server, Lease::owner, Lease::epoch)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web1", "a", 1L),
            org.assertj.core.groups.Tuple.tuple("web2", "b", 2L));
  }

  @Test
  void manyLeasesAreTakenInOneStatementWithTheEpochsOneByOneWouldGive() throws Exception {
    leases.acquire("kept", "a", TTL);                          // a's own, live: kept, same epoch
    leases.acquire("expired", "b", Duration.ofMillis(200));   // b's, expired: taken, next epoch
    leases.acquire("held", "b", TTL);                          // b's, live: left to b
    Thread.sleep(300);

    java.util.Map<String, Long> taken = leases.acquireAll(List.of("kept", "expired", "held", "new1", "new2"), "a", TTL);

    assertThat(taken).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("kept", 1L, "expired", 2L, "new1", 1L,
        "new2", 1L));
    assertThat(leases.acquire("held", "a", TTL)).isEmpty();
    assertThat(leases.renew("a", TTL)).containsOnlyKeys("kept", "expired", "new1", "new2");
    assertThat(leases.acquireAll(List.of(), "a", TTL)).isEmpty();
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndALeavingReplicaLetsAllGo() {
    leases.acquire("web1", "a", TTL);
    leases.acquire("web2", "a", TTL);
    leases.release("web1", "b");
    assertThat(leases.acquire("web1", "b", TTL)).as("only its owner releases it").isEmpty();
    leases.release("web1", "a");
    assertThat(leases.acquire("web1", "b", TTL)).hasValue(2);

    leases.heartbeat("a");
    leases.leave("a");
    assertThat(leases.acquire("web2", "b", TTL)).hasValue(2);
    assertThat(leases.live(TTL)).doesNotContain("a");
  }

  @Test
  void heartbeatsSayWhoIsAlive() throws Exception {
    Instant now = leases.heartbeat("a");
    assertThat(now).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(5)));
    leases.heartbeat("b");
    assertThat(leases.live(TTL)).containsExactly("a", "b");
    Thread.sleep(300);
    leases.heartbeat("b");
    assertThat(leases.live(Duration.ofMillis(200))).containsExactly("b");
  }

  @Test
  void aRunIsStoredOnlyByTheReplicaThatStillHoldsTheLeaseOfItsEpoch() throws Exception {
    StateRepository runs = db.repository();
    OptionalLong epoch = leases.acquire("web1", "a", Duration.ofMillis(400));
    Fence fence = new Fence("a", epoch.getAsLong());
    runs.saveRun(status("web1"), run("web1"), List.of(), fence);
    assertThat(runs.runs("web1", 10)).hasSize(1);

    Thread.sleep(500);
    leases.acquire("web1", "b", TTL);
    assertThatThrownBy(() -> runs.saveRun(status("web1"), run("web1"), List.of(), fence))
        .isInstanceOf(LeaseLostException.class).hasMessageContaining("no longer holds the lease of web1");
    assertThat(runs.runs("web1", 10)).as("nothing written").hasSize(1);
  }

  static ServerRecord status(String server) {
    return new ServerRecord(server, "hash", "apply", "in_sync", false, Instant.now(), Instant.now(), 0, null);
  }

  static RunRecord run(String server) {
    return new RunRecord(0, server, null, Instant.now(), Duration.ofMillis(5), "drift_check", "apply", "in_sync",
        1, 0, 0, 0, null);
  }
}
