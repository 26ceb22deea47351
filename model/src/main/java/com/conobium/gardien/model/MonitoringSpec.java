package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Availability checks.
 *
 * @param interval time between checks, e.g. {@code 1m}
 * @param failuresBeforeAlert consecutive failures before an alert
 */
public record MonitoringSpec(
    @JsonPropertyDescription("time between checks, e.g. 1m")
    @TextPattern(value = Patterns.DURATION, describedAs = "a duration such as 10m, 1h or 7d") String interval,
    @JsonPropertyDescription("consecutive failures before an alert")
    @NumberRange(min = 1, max = 1000) Integer failuresBeforeAlert) {
  public MonitoringSpec {
    interval = interval == null ? "1m" : interval;
    failuresBeforeAlert = failuresBeforeAlert == null ? 5 : failuresBeforeAlert;
  }
}
