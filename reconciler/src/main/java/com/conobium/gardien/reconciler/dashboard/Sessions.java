package com.conobium.gardien.reconciler.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The dashboard's sessions, in memory: a session ends after {@link #IDLE} without a request, after
 * {@link #LONGEST} whatever, at sign-out, and when the daemon stops.
 */
final class Sessions {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration LONGEST = Duration.ofHours(12);

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Cache<String, Session> open;

  Sessions(Clock clock, Ticker ticker) {
    this.clock = clock;
    this.open = Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(10_000).ticker(ticker).build();
  }

  /** A new session for {@code operator}, with ids never used before. */
  Session start(String operator) {
    Session session = new Session(token(), operator, token(), clock.instant());
    open.put(session.id(), session);
    return session;
  }

  /** The live session of that id. */
  Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Session session = open.getIfPresent(id);
    if (session != null && clock.instant().isAfter(session.started().plus(LONGEST))) {
      open.invalidate(id);
      return Optional.empty();
    }
    return Optional.ofNullable(session);
  }

  void end(String id) {
    open.invalidate(id);
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
