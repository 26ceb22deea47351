package com.conobium.gardien.model;

/**
 * Availability checks.
 *
 * @param interval time between checks, e.g. {@code 1m}
 * @param failuresBeforeAlert consecutive failures before an alert
 */
public record MonitoringSpec(String interval, Integer failuresBeforeAlert) {
  public MonitoringSpec {
    interval = interval == null ? "1m" : interval;
    failuresBeforeAlert = failuresBeforeAlert == null ? 5 : failuresBeforeAlert;
  }
}
