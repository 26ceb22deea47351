package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.git.Revision;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's Prometheus metrics, in a registry of its own. Labels hold server, module and result
 * names and the Git revision id: never a value from a manifest or a secret. The modules' readings
 * (e.g. a certificate's expiry) are gauges of their own: see {@link ReadingGauges}.
 */
public final class DaemonMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Gauge drift = Gauge.builder().name("gardien_drift")
      .help("Changes a server still needs, per module (0: in sync); in detect mode, the drift found")
      .labelNames("server", "module").register(registry);
  private final Gauge lastSuccess = Gauge.builder().name("gardien_last_success_timestamp_seconds")
      .help("When a reconcile of the server last ended without failure (Unix time); until its first "
          + "success, when this daemon began to manage it")
      .labelNames("server").register(registry);
  private final Info serverInfo = Info.builder().name("gardien_server_info")
      .help("One series per managed server: its profile and reconcile mode (value 1)")
      .labelNames("server", "profile", "mode").register(registry);
  private final Info build = Info.builder().name("gardien_build_info")
      .help("The running Gardien: its version and the Java runtime (value 1)")
      .labelNames("version", "java_version").register(registry);
  private final Histogram duration = Histogram.builder().name("gardien_reconcile_duration_seconds")
      .help("How long reconciling a server took (probe, plan and, in apply mode, apply and verify)")
      .labelNames("server")
      .classicOnly().classicUpperBounds(0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600)
      .register(registry);
  private final Counter changes = Counter.builder().name("gardien_changes")
      .help("Changes applied to servers, by result (applied or failed)")
      .labelNames("server", "result").register(registry);
  private final Counter runs = Counter.builder().name("gardien_reconcile_runs")
      .help("Reconcile runs by result: in_sync, drift, converged, failed, unreachable, circuit_open")
      .labelNames("server", "result").register(registry);
  private final Gauge up = Gauge.builder().name("gardien_server_up")
      .help("1 when the last run reached the server, 0 when it was unreachable or left alone")
      .labelNames("server").register(registry);
  private final Info revision = Info.builder().name("gardien_git_revision")
      .help("The config repository revision in force (the last valid one)")
      .labelNames("revision").register(registry);
  private final Gauge revisionTime = Gauge.builder().name("gardien_git_revision_timestamp_seconds")
      .help("Commit time of the revision in force (Unix time)").register(registry);
  private final Counter validationFailures = Counter.builder().name("gardien_validation_failures")
      .help("Revisions of the config repository rejected as invalid (not applied)").register(registry);
  private final Counter untrusted = Counter.builder().name("gardien_untrusted_revisions")
      .help("Revisions of the config repository rejected because their head commit is not signed by a "
          + "trusted key (not applied)").register(registry);
  private final Counter fetchFailures = Counter.builder().name("gardien_git_fetch_failures")
      .help("Fetches of the config repository that failed").register(registry);

  private final Map<String, Set<String>> modulesOf = new HashMap<>();
  private final Map<String, List<String>> infoOf = new HashMap<>();
  /** The servers whose last-success gauge has a value. */
  private final Set<String> successSet = new HashSet<>();
  private final ReadingGauges readings;

  /** Metrics of the Gardien build this class was loaded from. */
  public DaemonMetrics() {
    this(DaemonMetrics.class.getPackage().getImplementationVersion());
  }

  /** @param version Gardien's version; null for a development build (shown as {@code dev}) */
  public DaemonMetrics(String version) {
    build.setLabelValues(version == null ? "dev" : version, System.getProperty("java.version"));
    validationFailures.get();
    untrusted.get();
    fetchFailures.get();
    readings = new ReadingGauges(registry);
  }

  /** The registry, for the metrics of the daemon's other kinds of work (the monitoring's). */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The revision now in force. */
  public synchronized void revision(Revision r) {
    revision.setLabelValues(r.id());
    revisionTime.set(r.committed().getEpochSecond());
  }

  /** A revision was rejected as invalid. */
  public void validationFailed() {
    validationFailures.inc();
  }

  /** A revision was rejected: its head commit is not signed by a trusted key. */
  public void untrusted() {
    untrusted.inc();
  }

  /** A fetch failed. */
  public void fetchFailed() {
    fetchFailures.inc();
  }

  /** One change was applied ({@code error} null) or failed. */
  public void changed(String server, String error) {
    changes.labelValues(server, error == null ? "applied" : "failed").inc();
  }

  /** The outcome of one run of a server that took {@code took} (plan and apply) and ended at {@code finished}. */
  public synchronized void outcome(ServerOutcome o, java.time.Duration took, Instant finished) {
    String server = o.server();
    duration.labelValues(server).observe(took.toNanos() / 1e9);
    up.labelValues(server).set(o.unreachable() ? 0 : 1);
    runs.labelValues(server, result(o)).inc();
    if (o.unreachable()) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (ModuleOutcome m : o.modules()) {
      drift.labelValues(server, m.module()).set(remaining(m));
      seen.add(m.module());
    }
    Set<String> before = modulesOf.put(server, seen);
    if (before != null) {
      before.stream().filter(m -> !seen.contains(m)).forEach(m -> drift.remove(server, m));
    }
    if (!o.hasFailures()) {
      successSet.add(server);
      lastSuccess.labelValues(server).set(finished.getEpochSecond());
    }
    readings.update(server, o.modules());
  }

  /**
   * A server of the revision in force: its info series, and a last-success time to count from
   * when it has none yet ({@code since}: its last success remembered in the state database, else
   * now), so that an alert on a server that never converged fires too.
   */
  public synchronized void managing(String server, String profile, String mode, Instant since) {
    List<String> labels = List.of(server, profile == null ? "" : profile, mode);
    List<String> before = infoOf.put(server, labels);
    if (before != null && !before.equals(labels)) {
      serverInfo.remove(before.toArray(String[]::new));
    }
    serverInfo.addLabelValues(labels.toArray(String[]::new));
    if (successSet.add(server)) {
      lastSuccess.labelValues(server).set(since.getEpochSecond());
    }
  }

  /** The server was left alone: its circuit breaker is open. */
  public void circuitOpen(String server) {
    up.labelValues(server).set(0);
    runs.labelValues(server, "circuit_open").inc();
  }

  /** The server left the repository: its series go. */
  public synchronized void forget(String server) {
    Set<String> modules = modulesOf.remove(server);
    if (modules != null) {
      modules.forEach(m -> drift.remove(server, m));
    }
    readings.forget(server);
    List<String> info = infoOf.remove(server);
    if (info != null) {
      serverInfo.remove(info.toArray(String[]::new));
    }
    lastSuccess.remove(server);
    successSet.remove(server);
    up.remove(server);
    duration.remove(server);
    for (String result : List.of("in_sync", "drift", "converged", "failed", "unreachable", "circuit_open")) {
      runs.remove(server, result);
    }
    changes.remove(server, "applied");
    changes.remove(server, "failed");
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
  }

  /** The content type of {@link #write}. */
  public String contentType() {
    return writer.getContentType();
  }

  static String result(ServerOutcome o) {
    if (o.unreachable()) {
      return "unreachable";
    }
    if (o.hasFailures()) {
      return "failed";
    }
    if (o.hasDrift()) {
      return "drift";
    }
    return o.modules().stream().anyMatch(m -> m.status() == ModuleOutcome.Status.CONVERGED)
        ? "converged" : "in_sync";
  }

  private static int remaining(ModuleOutcome m) {
    return switch (m.status()) {
      case IN_SYNC, CONVERGED -> 0;
      case DRIFT -> m.changes().size();
      case FAILED, SKIPPED -> Math.max(1, m.changes().size());
    };
  }
}
