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
  void theNextRunFollowsThePlanAndAMissedOneIsNotCaughtUpOn() {
    Instant planned = NOW;
    assertThat(TaskSchedule.next(planned, MINUTE, NOW.plusSeconds(2))).isEqualTo(NOW.plus(MINUTE));
    assertThat(TaskSchedule.next(planned, MINUTE, NOW.plusSeconds(300))).as("five missed: one run, from now")
        .isEqualTo(NOW.plusSeconds(360));
  }
}
