package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * What one check saw in one round.
 *
 * @param check the check's name, e.g. {@code ssh} or {@code site shop}
 * @param ok whether the server answered as it should
 * @param took how long the answer took (the timeout when there was none)
 * @param error why it failed, as people read it; null when ok
 * @param certificateExpiry when the certificate the server presented expires (HTTPS); null otherwise
 */
public record Observation(String check, boolean ok, Duration took, String error, Instant certificateExpiry) {
  public Observation(String check, boolean ok, Duration took, String error) {
    this(check, ok, took, error, null);
  }

  /**
   * Whether it decides the round: every check but {@link PingCheck ping}, which only informs the
   * diagnosis.
   */
  public boolean decides() {
    return !PingCheck.NAME.equals(check);
  }

  /** Whether it decides the round and failed. */
  public boolean failedDeciding() {
    return decides() && !ok;
  }

  static Observation ok(String check, Duration took) {
    return new Observation(check, true, took, null);
  }

  static Observation failed(String check, Duration took, String error) {
    return new Observation(check, false, took, error);
  }

  /** This observation with the expiry of the certificate that was presented. */
  Observation withCertificateExpiry(Instant expiry) {
    return new Observation(check, ok, took, error, expiry);
  }
}
