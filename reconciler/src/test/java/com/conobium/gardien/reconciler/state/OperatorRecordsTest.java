package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's records in the (embedded) state database: operators, their actions, the revisions seen. */
class OperatorRecordsTest {
  static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir Path dir;
  StateDatabase db;
  OperatorRecords records;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    records = db.operators();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void anOperatorIsAddedGivenANewPasswordListedAndRemoved() {
    records.saveAccount(new OperatorAccount("bob", "$2y$12$first", T));
    records.saveAccount(new OperatorAccount("alice", "$2y$12$alice", T));
    records.saveAccount(new OperatorAccount("bob", "$2y$12$second", T.plusSeconds(60)));

    assertThat(records.accounts()).extracting(OperatorAccount::name).containsExactly("alice", "bob");
    assertThat(records.account("bob").orElseThrow().passwordHash()).isEqualTo("$2y$12$second");
    assertThat(records.account("carol")).isEmpty();
    assertThat(records.removeAccount("bob")).isTrue();
    assertThat(records.removeAccount("bob")).isFalse();
    assertThat(records.accounts()).extracting(OperatorAccount::name).containsExactly("alice");
  }

  @Test
  void actionsAreListedPerServerNewestFirstAndLimited() {
    for (int i = 0; i < 5; i++) {
      records.saveAction(new OperatorAction(T.plusSeconds(i), "alice", "web1", "reconcile", "run " + i));
    }
    records.saveAction(new OperatorAction(T, "bob", "web2", "report", "made"));

    assertThat(records.actions("web1", 3)).extracting(OperatorAction::outcome).containsExactly("run 4", "run 3", "run 2");
    assertThat(records.actions("web2", 10)).singleElement().satisfies(a -> {
      assertThat(a.operator()).isEqualTo("bob");
      assertThat(a.at()).isEqualTo(T);
    });
  }

  @Test
  void revisionsSeenKeepTheirVerdictAndProblemsNewestFirst() {
    String a = "a".repeat(40);
    String b = "b".repeat(40);
    records.saveRevision(new SeenRevision(a, T.minusSeconds(30), "first", T, "accepted", ""));
    records.saveRevision(new SeenRevision(b, null, "broken", T.plusSeconds(5), "rejected",
        "servers/web1.yaml:13:5: spec.time.timezone: expected a time zone\nservers/web2.yaml:1: …"));

    assertThat(records.revisions(10)).extracting(SeenRevision::revision).containsExactly(b, a);
    SeenRevision rejected = records.revisions(1).get(0);
    assertThat(rejected.problems()).startsWith("servers/web1.yaml:13:5:").contains("\n");
    assertThat(rejected.committed()).isNull();
    assertThat(records.revisions(10).get(1).committed()).isEqualTo(T.minusSeconds(30));
  }
}
