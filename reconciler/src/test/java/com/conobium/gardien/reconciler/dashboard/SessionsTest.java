package com.conobium.gardien.reconciler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AtomicLong nanos = new AtomicLong();
  private Instant now = Instant.parse("2026-12-06T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final Sessions sessions = new Sessions(clock, (Ticker) nanos::get);

  @Test
  void aSessionHasUnguessableIdsAndEndsAtSignOut() {
    Session s = sessions.start("alice");
    assertThat(s.id()).hasSize(43).isNotEqualTo(s.csrf());
    assertThat(sessions.start("alice").id()).isNotEqualTo(s.id());
    assertThat(sessions.find(s.id())).contains(s);
    assertThat(sessions.find("forged")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    sessions.end(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void anIdleSessionEndsAfterThirtyMinutesAndABusyOneAfterTwelveHours() {
    Session idle = sessions.start("alice");
    advance(Sessions.IDLE.plusSeconds(1));
    assertThat(sessions.find(idle.id())).isEmpty();

    Session busy = sessions.start("bob");
    for (int i = 0; i < 12 * 4; i++) {
      advance(Duration.ofMinutes(15));
      assertThat(sessions.find(busy.id())).as("used every 15 min, up to 12 h").isPresent();
    }
    advance(Duration.ofSeconds(1));
    assertThat(sessions.find(busy.id())).as("just over 12 h after sign-in").isEmpty();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    now = now.plus(d);
  }
}
