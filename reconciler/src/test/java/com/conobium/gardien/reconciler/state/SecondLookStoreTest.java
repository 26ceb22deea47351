package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests for second looks and the looks, on a real PostgreSQL server. */
class SecondLookStoreTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  StateDatabase db;
  SecondLookStore looks;

  @BeforeEach
  void open() throws Exception {
    db = StateDatabase.open(postgres.newDatabase());
    looks = db.secondLooks();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aRequestKeepsWhenItWasFirstAskedAndIsRenewedByItsAsker() throws Exception {
    SecondLookStore.Request first = looks.ask("web1", "r1");
    Thread.sleep(20);
    SecondLookStore.Request renewed = looks.ask("web1", "r1");

    assertThat(renewed.asked()).isEqualTo(first.asked());
    assertThat(renewed.renewed()).isAfter(first.renewed());
    assertThat(looks.requests().requests()).extracting(SecondLookStore.Request::server, SecondLookStore.Request::askedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("web1", "r1"));
  }

  @Test
  void aNewOwnersRequestStartsAfreshAndAWithdrawnOneIsGone() throws Exception {
    SecondLookStore.Request old = looks.ask("web1", "r1");
    Thread.sleep(20);
    SecondLookStore.Request taken = looks.ask("web1", "r2");

    assertThat(taken.askedBy()).isEqualTo("r2");
    assertThat(taken.asked()).isAfter(old.asked());
    looks.withdraw("web1");
    assertThat(looks.requests().requests()).isEmpty();
    assertThat(looks.looks("web1").request()).isEmpty();
  }

  @Test
  void eachReplicasLatestLookIsKept() {
    looks.ask("web1", "r1");
    looks.record("web1", "r2", false, "");
    looks.record("web1", "r3", true, "ssh");
    looks.record("web1", "r2", true, "ssh, site shop");

    SecondLookStore.Looks seen = looks.looks("web1");

    assertThat(seen.request()).map(SecondLookStore.Request::askedBy).hasValue("r1");
    assertThat(seen.looks()).extracting(SecondLookStore.Look::replica, SecondLookStore.Look::failed,
        SecondLookStore.Look::failedChecks).containsExactly(
            org.assertj.core.groups.Tuple.tuple("r2", true, "ssh, site shop"),
            org.assertj.core.groups.Tuple.tuple("r3", true, "ssh"));
    assertThat(seen.looks()).allSatisfy(l -> assertThat(l.looked()).isBeforeOrEqualTo(seen.now()));
    assertThat(looks.looks("web2").looks()).isEqualTo(List.of());
  }
}
