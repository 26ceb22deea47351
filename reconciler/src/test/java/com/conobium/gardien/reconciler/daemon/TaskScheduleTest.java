package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskScheduleTest {
  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aFleetsFirstRunsAreSpreadOverOneIntervalTheSameWayEachTime() {
    Set<Long> seconds = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Instant first = TaskSchedule.first("check/web" + i, MINUTE, NOW);
      assertThat(first).isBetween(NOW, NOW.plus(MINUTE));
      assertThat(TaskSchedule.first("check/web" + i, MINUTE, NOW)).as("stable").isEqualTo(first);
      seconds.add(Duration.between(NOW, first).toSeconds());
    }
    assertThat(seconds).as("a thousand servers land on most of the minute's seconds").hasSizeGreaterThan(50);
  }

  @Test
  void aReplicaThatTakesAServerOverChecksItOnItsPreviousOwnersGrid() {
    Instant started = NOW.minusSeconds(3600).plusMillis(1234);
    Instant old = TaskSchedule.first("check/web7", MINUTE, started);
    Instant lastBeforeDeath = old;
    Instant death = NOW.plusSeconds(17);
    while (!lastBeforeDeath.plus(MINUTE).isAfter(death)) {
      lastBeforeDeath = TaskSchedule.next(lastBeforeDeath, MINUTE, lastBeforeDeath);
    }
    Instant takenOver = death.plusSeconds(20); // lease + lease / 3 with a 15-s lease

    Instant first = TaskSchedule.first("check/web7", MINUTE, takenOver);

    assertThat(Duration.between(old, first).toMillis() % MINUTE.toMillis()).as("on the same grid").isZero();
    assertThat(Duration.between(lastBeforeDeath, first)).as("unchecked two intervals at most")
        .isLessThanOrEqualTo(MINUTE.multipliedBy(2));
  }

  @Test
  void theNextRunFollowsThePlanAndAMissedOneIsNotCaughtUpOn() {
    Instant planned = NOW;
    assertThat(TaskSchedule.next(planned, MINUTE, NOW.plusSeconds(2))).isEqualTo(NOW.plus(MINUTE));
    assertThat(TaskSchedule.next(planned, MINUTE, NOW.plusSeconds(300))).as("five missed: one run, from now")
        .isEqualTo(NOW.plusSeconds(360));
  }
}
