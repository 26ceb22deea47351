package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  static final Duration MS = Duration.ofMillis(3);
  static final List<Observation> UP = List.of(Observation.ok("ssh", MS), Observation.ok("site shop", MS));
  static final List<Observation> SITE_DOWN = List.of(Observation.ok("ssh", MS),
      Observation.failed("site shop", MS, "http://shop.example: connection refused"));
  static final List<Observation> ALL_DOWN = List.of(Observation.failed("ssh", MS, "port 22: no answer (timed out)"),
      Observation.failed("site shop", MS, "http://shop.example: no answer (timed out)"));

  private final IncidentTracker tracker = new IncidentTracker();

  private Optional<IncidentTracker.Event> round(int minute, List<Observation> round) {
    return tracker.observe("web1", T0.plusSeconds(60L * minute), round, 5);
  }

  @Test
  void aFailedPingAloneFailsNoRoundAndOpensNothing() {
    IncidentTracker tracker = new IncidentTracker();
    List<Observation> onlyPing = List.of(Observation.failed("ping", MS, "no echo reply"), Observation.ok("ssh", MS));
    for (int i = 0; i < 10; i++) {
      assertThat(tracker.observe("web1", Instant.EPOCH.plusSeconds(i), onlyPing, 5)).isEmpty();
    }
    assertThat(tracker.failures("web1")).isZero();
  }

  @Test
  void anIncidentOpensAtTheFifthFailedRoundOnceAndClosesAtTheFirstGoodOne() {
    assertThat(round(0, UP)).isEmpty();
    for (int m = 1; m <= 4; m++) {
      assertThat(round(m, ALL_DOWN)).as("round %d", m).isEmpty();
    }
    IncidentTracker.Event opened = round(5, ALL_DOWN).orElseThrow();
    assertThat(opened).isInstanceOf(IncidentTracker.Opened.class);
    assertThat(opened.incident().started()).as("the first failed round").isEqualTo(T0.plusSeconds(60));
    assertThat(opened.incident().alerted()).isEqualTo(T0.plusSeconds(300));
    assertThat(opened.incident().failedChecks()).containsExactly("ssh", "site shop");
    assertThat(opened.incident().diagnosis()).startsWith("unreachable: no answer at any level");
    for (int m = 6; m <= 9; m++) {
      assertThat(round(m, ALL_DOWN)).as("no second alert").isEmpty();
    }
    assertThat(tracker.failures("web1")).isEqualTo(9);

    IncidentTracker.Event recovered = round(10, UP).orElseThrow();
    assertThat(recovered).isInstanceOf(IncidentTracker.Recovered.class);
    assertThat(recovered.incident().duration(recovered.incident().ended())).isEqualTo(Duration.ofMinutes(9));
    assertThat(round(11, UP)).isEmpty();
    assertThat(tracker.open("web1")).isEmpty();
  }

  @Test
  void aFlappingServerSendsNothing() {
    for (int m = 0; m < 40; m++) {
      assertThat(round(m, m % 5 == 4 ? UP : SITE_DOWN)).as("round %d", m).isEmpty();
    }
  }

  @Test
  void theDiagnosisSaysWhatTheChecksSay() {
    assertThat(IncidentTracker.diagnose(SITE_DOWN))
        .isEqualTo("the server answers (SSH) but a service fails: site shop (nginx, PHP-FPM or the site itself)");
    assertThat(IncidentTracker.diagnose(List.of(Observation.failed("ssh", MS, "refused"), Observation.ok("site shop", MS))))
        .startsWith("SSH does not answer while the sites do");
    assertThat(IncidentTracker.diagnose(ALL_DOWN))
        .isEqualTo("unreachable: no answer at any level (ssh, site shop; ping not possible from the controller)");
    List<Observation> allDownPingFails = new java.util.ArrayList<>(ALL_DOWN);
    allDownPingFails.add(Observation.failed("ping", MS, "198.18.1.2: no echo reply"));
    assertThat(IncidentTracker.diagnose(allDownPingFails))
        .isEqualTo("unreachable: no answer at any level (ssh, site shop, ping)");
    List<Observation> allDownPingAnswers = new java.util.ArrayList<>(ALL_DOWN);
    allDownPingAnswers.add(Observation.ok("ping", MS));
    assertThat(IncidentTracker.diagnose(allDownPingAnswers)).startsWith("the host answers ping but none of its services");
    assertThat(IncidentTracker.diagnose(List.of(Observation.ok("ssh", MS), Observation.failed("site shop", MS,
        "https://shop.example: TLS certificate expired on 2026-11-01T00:00:00Z (browsers refuse the site)"))))
        .isEqualTo("the server answers but TLS fails: site shop (the certificate, or nginx's TLS configuration)");
  }

  @Test
  void theMailsNameTheServerWhatFailedAndTheDowntime() {
    for (int m = 1; m <= 4; m++) {
      round(m, SITE_DOWN);
    }
    Incident incident = round(5, SITE_DOWN).orElseThrow().incident();
    var alert = IncidentMails.alert(incident, List.of("ops@example.net"));
    assertThat(alert.subject()).isEqualTo("[gardien] web1 down: site shop");
    assertThat(alert.body()).contains("since 2026-12-06 10:01:00 UTC", "Diagnosis: the server answers (SSH)",
        "site shop: http://shop.example: connection refused");
    var recovery = IncidentMails.recovery(round(7, UP).orElseThrow().incident(), List.of("ops@example.net"));
    assertThat(recovery.subject()).isEqualTo("[gardien] web1 recovered after 6 min");
  }

  @Test
  void aFailureAnotherReplicaDoesNotSeeIsHeldBackOnceAndOpensWhenOneConfirmsIt() {
    java.util.concurrent.atomic.AtomicReference<Opinion> others = new java.util.concurrent.atomic.AtomicReference<>(
        new Opinion(Opinion.Kind.REFUTED, List.of("r1"), List.of("r2")));
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<Opinion> opinion = () -> {
      asked.incrementAndGet();
      return others.get();
    };
    for (int m = 1; m <= 4; m++) {
      assertThat(tracker.observe("web1", T0.plusSeconds(60L * m), ALL_DOWN, 5, opinion)).isEmpty();
    }
    assertThat(asked).as("asked only once the threshold is reached").hasValue(0);

    IncidentTracker.Event held = tracker.observe("web1", T0.plusSeconds(300), ALL_DOWN, 5, opinion).orElseThrow();
    assertThat(held).isInstanceOf(IncidentTracker.HeldBack.class);
    assertThat(((IncidentTracker.HeldBack) held).opinion().reachedBy()).containsExactly("r2");
    assertThat(tracker.observe("web1", T0.plusSeconds(360), ALL_DOWN, 5, opinion)).as("held back: said once").isEmpty();
    assertThat(tracker.open("web1")).isEmpty();

    others.set(new Opinion(Opinion.Kind.CONFIRMED, List.of("r1", "r2"), List.of()));
    IncidentTracker.Event opened = tracker.observe("web1", T0.plusSeconds(420), ALL_DOWN, 5, opinion).orElseThrow();
    assertThat(opened).isInstanceOf(IncidentTracker.Opened.class);
    assertThat(opened.incident().seenBy()).containsExactly("r1", "r2");
    assertThat(opened.incident().started()).as("from the last round the other reached it: the failures before"
        + " were this replica's own").isEqualTo(T0.plusSeconds(360));
    assertThat(tracker.observe("web1", T0.plusSeconds(480), ALL_DOWN, 5, opinion)).isEmpty();
    assertThat(asked).as("not asked again while the incident is open").hasValue(3);
  }

  @Test
  void aFailureHeldBackThatPassesAgainClosesNothing() {
    java.util.function.Supplier<Opinion> refuted = () -> new Opinion(Opinion.Kind.REFUTED, List.of("r1"), List.of("r2"));
    for (int m = 1; m <= 6; m++) {
      tracker.observe("web1", T0.plusSeconds(60L * m), ALL_DOWN, 5, refuted);
    }

    assertThat(tracker.observe("web1", T0.plusSeconds(420), UP, 5, refuted)).as("no recovery of what never opened")
        .isEmpty();
    assertThat(tracker.failures("web1")).isZero();
  }
}
