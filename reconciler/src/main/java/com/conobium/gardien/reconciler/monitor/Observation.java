package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;

/**
 * What one check saw in one round.
 *
 * @param check the check's name, e.g. {@code ssh} or {@code site shop}
 * @param ok whether the server answered as it should
 * @param took how long the answer took (the timeout when there was none)
 * @param error why it failed, as people read it; null when ok
 */
public record Observation(String check, boolean ok, Duration took, String error) {
  static Observation ok(String check, Duration took) {
    return new Observation(check, true, took, null);
  }

  static Observation failed(String check, Duration took, String error) {
    return new Observation(check, false, took, error);
  }
}
