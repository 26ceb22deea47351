package com.conobium.gardien.reconciler.monitor;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;

/** The monitoring's metrics, in the daemon's registry (docs/daemon.md lists them). */
public final class MonitorMetrics {
  private final Gauge up;
  private final Gauge responseSeconds;
  private final Histogram responseTime;
  private final Gauge certificateExpiry;
  private final Gauge failures;
  private final Gauge incidents;

  public MonitorMetrics(PrometheusRegistry registry) {
    up = Gauge.builder().name("gardien_monitor_up")
        .help("Whether the last round of the check passed (1) or failed (0)")
        .labelNames("server", "check").register(registry);
    responseSeconds = Gauge.builder().name("gardien_monitor_response_seconds")
        .help("How long the last answer of the check took (the timeout when there was none)")
        .labelNames("server", "check").register(registry);
    responseTime = Histogram.builder().name("gardien_monitor_response_time_seconds")
        .help("How long the check's answers took (the timeout when there was none)")
        .classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .labelNames("server", "check").register(registry);
    certificateExpiry = Gauge.builder().name("gardien_monitor_certificate_expiry_timestamp_seconds")
        .help("When the certificate a site presented to the last check expires (Unix time): the one served,"
            + " which may differ from the one deployed (gardien_certificate_expiry_timestamp_seconds)")
        .labelNames("server", "site").register(registry);
    failures = Gauge.builder().name("gardien_monitor_consecutive_failures")
        .help("Failed rounds in a row of the server (an incident opens at monitoring.failuresBeforeAlert)")
        .labelNames("server").register(registry);
    incidents = Gauge.builder().name("gardien_incidents_open")
        .help("Whether the server has an open incident")
        .labelNames("server").register(registry);
  }

  /** The labels set for each server, so that a server's series can all be removed. */
  private final java.util.Map<String, java.util.Set<String>> checksOf = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, java.util.Set<String>> sitesOf = new java.util.concurrent.ConcurrentHashMap<>();

  /** Sets what {@code server}'s last round saw. */
  public void round(String server, List<Observation> round, int consecutiveFailures, boolean incidentOpen) {
    java.util.Set<String> checks = checksOf.computeIfAbsent(server, s -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    for (Observation o : round) {
      checks.add(o.check());
      up.labelValues(server, o.check()).set(o.ok() ? 1 : 0);
      responseSeconds.labelValues(server, o.check()).set(o.took().toNanos() / 1e9);
      responseTime.labelValues(server, o.check()).observe(o.took().toNanos() / 1e9);
      if (o.certificateExpiry() != null && o.check().startsWith(SiteCheck.PREFIX)) {
        String site = o.check().substring(SiteCheck.PREFIX.length());
        sitesOf.computeIfAbsent(server, s -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(site);
        certificateExpiry.labelValues(server, site).set(o.certificateExpiry().getEpochSecond());
      }
    }
    failures.labelValues(server).set(consecutiveFailures);
    incidents.labelValues(server).set(incidentOpen ? 1 : 0);
  }

  /** Removes every series of {@code server} (another replica watches it now). */
  public void forget(String server) {
    java.util.Set<String> checks = checksOf.remove(server);
    if (checks != null) {
      for (String check : checks) {
        up.remove(server, check);
        responseSeconds.remove(server, check);
        responseTime.remove(server, check);
      }
    }
    java.util.Set<String> sites = sitesOf.remove(server);
    if (sites != null) {
      sites.forEach(site -> certificateExpiry.remove(server, site));
    }
    failures.remove(server);
    incidents.remove(server);
  }
}
