package com.conobium.gardien.reconciler.maintenance;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Instant;

/** The maintenance's metrics, in the daemon's registry (docs/daemon.md lists them). */
public final class MaintenanceMetrics {
  private final Gauge status;
  private final Gauge lastRun;
  private final Gauge window;

  public MaintenanceMetrics(PrometheusRegistry registry) {
    status = Gauge.builder().name("gardien_maintenance_check_status")
        .help("The last maintenance result of each operation: 0 ok, 1 warning, 2 failed, -1 not applicable")
        .labelNames("server", "check").register(registry);
    lastRun = Gauge.builder().name("gardien_maintenance_last_run_timestamp_seconds")
        .help("When the server's last maintenance run (not a dry run) started (Unix time)")
        .labelNames("server").register(registry);
    window = Gauge.builder().name("gardien_maintenance_window_timestamp_seconds")
        .help("The start of the server's last maintenance window since Gardien has managed it (Unix time):"
            + " a run is due from then")
        .labelNames("server").register(registry);
  }

  public void report(MaintenanceReport report) {
    for (OperationResult r : report.results()) {
      status.labelValues(report.server(), r.operation()).set(r.verdict().metricValue());
    }
    if (!report.dryRun()) {
      lastRun.labelValues(report.server()).set(report.started().getEpochSecond());
    }
  }

  public void window(String server, Instant start) {
    window.labelValues(server).set(start.getEpochSecond());
  }

  void forget(String server) {
    lastRun.remove(server);
    window.remove(server);
  }
}
