package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TimeSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final FleetSpec FLEET = new FleetSpec(null, null, null, null, null);
  static final SpecHasher HASHER = new SpecHasher();
  static final SpecKey KEY = key("Europe/Paris");

  final Schedule schedule = new Schedule(Duration.ofMinutes(5), Duration.ofMinutes(1));

  static ServerSpec spec(String timezone) {
    return ServerSpec.builder().time(new TimeSpec(null, timezone)).build();
  }

  static SpecKey key(String timezone) {
    return HASHER.key(spec(timezone), FLEET);
  }

  static ServerState ran(SpecKey key, Instant at, boolean failed) {
    return new ServerState(key, at, failed, failed ? null : at, Mode.APPLY, failed ? "failed" : "in_sync",
        failed ? 1 : 0);
  }

  @Test
  void aServerNeverRunRunsAtOnce() {
    assertThat(schedule.due(null, KEY, T0)).contains(Schedule.Reason.SPEC_CHANGED);
  }

  @Test
  void aChangedEffectiveSpecRunsAtOnceEvenJustAfterARun() {
    ServerState last = ran(KEY, T0, false);

    assertThat(schedule.due(last, key("Etc/UTC"), T0.plusSeconds(1))).contains(Schedule.Reason.SPEC_CHANGED);
  }

  @Test
  void anEqualSpecFromANewRevisionDoesNotRunAgain() {
    ServerState last = ran(key("Europe/Paris"), T0, false);

    assertThat(schedule.due(last, key("Europe/Paris"), T0.plusSeconds(30))).isEmpty();
  }

  @Test
  void changedFleetSettingsRunTheServer() {
    ServerState last = ran(KEY, T0, false);
    SpecKey otherFleet = HASHER.key(spec("Europe/Paris"), new FleetSpec(java.util.List.of("ops@example.com"),
        null, null, null, null));

    assertThat(schedule.due(last, otherFleet, T0.plusSeconds(1))).contains(Schedule.Reason.SPEC_CHANGED);
  }

  @Test
  void aServerInSyncRunsAgainOnlyOnceTheDriftIntervalHasPassed() {
    ServerState last = ran(KEY, T0, false);

    assertThat(schedule.due(last, KEY, T0.plus(Duration.ofMinutes(5)).minusMillis(1))).isEmpty();
    assertThat(schedule.due(last, KEY, T0.plus(Duration.ofMinutes(5)))).contains(Schedule.Reason.DRIFT_CHECK);
  }

  @Test
  void aFailedServerIsRetriedAfterTheRetryInterval() {
    ServerState last = ran(KEY, T0, true);

    assertThat(schedule.due(last, KEY, T0.plusSeconds(59))).isEmpty();
    assertThat(schedule.due(last, KEY, T0.plusSeconds(60))).contains(Schedule.Reason.RETRY);
  }

  @Test
  void aRetryIntervalLongerThanTheDriftIntervalDoesNotDelayTheDriftCheck() {
    Schedule slowRetry = new Schedule(Duration.ofMinutes(5), Duration.ofMinutes(30));
    ServerState last = ran(KEY, T0, true);

    assertThat(slowRetry.due(last, KEY, T0.plus(Duration.ofMinutes(5)))).contains(Schedule.Reason.DRIFT_CHECK);
  }
}
