package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.state.SecondLookStore.Look;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict of the other replicas on a server that failed here: every case, pure. */
class OpinionTest {
  static final Instant ASKED = Instant.parse("2026-12-07T10:00:00Z");
  static final Instant NOW = ASKED.plusSeconds(240);
  static final Duration WAIT = Duration.ofMinutes(5);

  private static Look look(String replica, long secondsAfterAsked, boolean failed) {
    return new Look(replica, ASKED.plusSeconds(secondsAfterAsked), failed, failed ? "ssh" : "");
  }

  @Test
  void withNoOtherReplicaAliveTheFailureStandsAlone() {
    Opinion o = Opinion.judge("r1", List.of("r1"), ASKED, List.of(look("r2", 10, false)), NOW, WAIT);

    assertThat(o.kind()).isEqualTo(Opinion.Kind.ALONE);
    assertThat(o.opens()).isTrue();
    assertThat(o.seenBy()).containsExactly("r1");
  }

  @Test
  void anotherReplicaThatFailsTooConfirmsAndIsNamedAmongThoseThatSawIt() {
    Opinion o = Opinion.judge("r1", List.of("r1", "r2", "r3"), ASKED,
        List.of(look("r2", 30, true), look("r3", 40, false)), NOW, WAIT);

    assertThat(o.kind()).isEqualTo(Opinion.Kind.CONFIRMED);
    assertThat(o.opens()).isTrue();
    assertThat(o.seenBy()).containsExactly("r1", "r2");
    assertThat(o.reachedBy()).containsExactly("r3");
  }

  @Test
  void anotherReplicaThatReachesTheServerRefutesTheFailure() {
    Opinion o = Opinion.judge("r1", List.of("r1", "r2"), ASKED, List.of(look("r2", 30, false)), NOW, WAIT);

    assertThat(o.kind()).isEqualTo(Opinion.Kind.REFUTED);
    assertThat(o.opens()).isFalse();
    assertThat(o.reachedBy()).containsExactly("r2");
  }

  @Test
  void looksFromBeforeTheFailuresBeganFromTheDeadOrFromItselfDoNotCount() {
    List<Look> looks = List.of(look("r2", -5, true), look("r3", 30, false), look("r1", 30, true));

    Opinion o = Opinion.judge("r1", List.of("r1", "r2"), ASKED, looks, NOW, WAIT);

    assertThat(o.kind()).as("r2's look is older than the request, r3 is dead, r1 is the asker")
        .isEqualTo(Opinion.Kind.PENDING);
    assertThat(o.opens()).isFalse();
  }

  @Test
  void othersAliveThatDoNotLookInTimeLetTheIncidentOpenSeenByTheAskerAlone() {
    Opinion pending = Opinion.judge("r1", List.of("r1", "r2"), ASKED, List.of(), ASKED.plus(WAIT).minusMillis(1), WAIT);
    Opinion late = Opinion.judge("r1", List.of("r1", "r2"), ASKED, List.of(), ASKED.plus(WAIT), WAIT);

    assertThat(pending.kind()).isEqualTo(Opinion.Kind.PENDING);
    assertThat(late.kind()).isEqualTo(Opinion.Kind.UNANSWERED);
    assertThat(late.opens()).isTrue();
    assertThat(late.seenBy()).containsExactly("r1");
  }

  @Test
  void oneControllerSeesAloneAndNamesNoReplica() {
    assertThat(Opinion.SINGLE.opens()).isTrue();
    assertThat(Opinion.SINGLE.seenBy()).isEmpty();
  }
}
