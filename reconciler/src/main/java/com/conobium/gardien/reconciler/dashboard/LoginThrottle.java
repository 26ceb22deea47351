package com.conobium.gardien.reconciler.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;

/**
 * Repeated bad passwords lock sign-in out: after {@link #FAILURES} failures for one operator name
 * (or {@link #ADDRESS_FAILURES} from one address, whatever the names: a scan of names), within
 * {@link #LOCKOUT} of each other, that name (or address) cannot sign in until {@link #LOCKOUT} has
 * passed since its last failure, even with the right password. A success clears the name's count
 * (not the address's).
 */
final class LoginThrottle {
  static final int FAILURES = 5;
  static final int ADDRESS_FAILURES = 20;
  static final Duration LOCKOUT = Duration.ofMinutes(15);

  private final Cache<String, Integer> failures;

  LoginThrottle(Ticker ticker) {
    this.failures = Caffeine.newBuilder().expireAfterWrite(LOCKOUT).maximumSize(100_000).ticker(ticker).build();
  }

  /** Whether sign-in is refused for {@code operator} from {@code address} now. */
  boolean locked(String operator, String address) {
    return count(nameKey(operator)) >= FAILURES || count(addressKey(address)) >= ADDRESS_FAILURES;
  }

  void failed(String operator, String address) {
    failures.asMap().merge(nameKey(operator), 1, Integer::sum);
    failures.asMap().merge(addressKey(address), 1, Integer::sum);
  }

  void succeeded(String operator) {
    failures.invalidate(nameKey(operator));
  }

  private int count(String key) {
    Integer n = failures.getIfPresent(key);
    return n == null ? 0 : n;
  }

  private static String nameKey(String operator) {
    return "name:" + (operator == null ? "" : operator.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }
}
