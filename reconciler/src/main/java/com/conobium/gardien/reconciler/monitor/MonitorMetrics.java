package com.conobium.gardien.reconciler.monitor;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** The monitoring's metrics, in the daemon's registry. */
final class MonitorMetrics {
  private final Gauge up;
  private final Gauge responseSeconds;
  private final Gauge failures;
  private final Gauge incidents;

  MonitorMetrics(PrometheusRegistry registry) {
    up = Gauge.builder().name("gardien_monitor_up")
        .help("Whether the last round of the check passed (1) or failed (0)")
        .labelNames("server", "check").register(registry);
    responseSeconds = Gauge.builder().name("gardien_monitor_response_seconds")
        .help("How long the last answer of the check took (the timeout when there was none)")
        .labelNames("server", "check").register(registry);
    failures = Gauge.builder().name("gardien_monitor_consecutive_failures")
        .help("Failed rounds in a row of the server (an incident opens at monitoring.failuresBeforeAlert)")
        .labelNames("server").register(registry);
    incidents = Gauge.builder().name("gardien_incidents_open")
        .help("Whether the server has an open incident")
        .labelNames("server").register(registry);
  }

  void round(String server, List<Observation> round, int consecutiveFailures, boolean incidentOpen) {
    for (Observation o : round) {
      up.labelValues(server, o.check()).set(o.ok() ? 1 : 0);
      responseSeconds.labelValues(server, o.check()).set(o.took().toNanos() / 1e9);
    }
    failures.labelValues(server).set(consecutiveFailures);
    incidents.labelValues(server).set(incidentOpen ? 1 : 0);
  }
}
