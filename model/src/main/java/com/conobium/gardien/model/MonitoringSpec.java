package com.conobium.gardien.model;

/**
 * Availability checks.
 *
 * @param interval time between checks, e.g. {@code 1m}
 * @param failuresBeforeAlert consecutive failures before an alert
 */
public record MonitoringSpec(
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String interval,
    @NumberRange(min = 1, max = 1000) Integer failuresBeforeAlert) {
  public MonitoringSpec {
    interval = interval == null ? "1m" : interval;
    failuresBeforeAlert = failuresBeforeAlert == null ? 5 : failuresBeforeAlert;
  }
}
