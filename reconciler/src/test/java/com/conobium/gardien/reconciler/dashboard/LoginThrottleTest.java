package com.conobium.gardien.reconciler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final LoginThrottle throttle = new LoginThrottle(ticker);

  @Test
  void fiveFailuresLockTheNameForFifteenMinutesAfterTheLast() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("bob", "198.18.0.9");
    }
    assertThat(throttle.locked("bob", "198.18.0.9")).isFalse();
    throttle.failed("BOB", "198.18.0.10");
    assertThat(throttle.locked("bob", "198.18.0.11")).as("the name, from any address, any case").isTrue();
    assertThat(throttle.locked("alice", "198.18.0.9")).as("another name from the same address").isFalse();

    advance(LoginThrottle.LOCKOUT.minusSeconds(1));
    assertThat(throttle.locked("bob", "198.18.0.9")).isTrue();
    advance(Duration.ofSeconds(2));
    assertThat(throttle.locked("bob", "198.18.0.9")).isFalse();
  }

  @Test
  void anAddressTryingManyNamesIsLockedOut() {
    for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
      throttle.failed("name" + i, "198.18.0.9");
    }
    assertThat(throttle.locked("alice", "198.18.0.9")).isTrue();
    assertThat(throttle.locked("alice", "198.18.0.10")).isFalse();
  }

  @Test
  void aSuccessClearsTheNamesCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("bob", "198.18.0.9");
    }
    throttle.succeeded("bob");
    throttle.failed("bob", "198.18.0.9");
    assertThat(throttle.locked("bob", "198.18.0.9")).isFalse();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
