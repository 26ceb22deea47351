package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modules' {@link Reading readings} as gauges {@code gardien_NAME}, labelled with the server and
 * the reading's own labels (a site's name, say), registered at a name's first reading. Knows no
 * module. A reading whose name is one of the daemon's own metrics, or whose label names differ from
 * its name's first reading, is left out with a warning. Not thread-safe: {@link DaemonMetrics}
 * calls it under its lock.
 */
final class ReadingGauges {
  private static final Logger log = LoggerFactory.getLogger(ReadingGauges.class);
  private static final List<String> SUFFIXES = List.of("", "_total", "_info", "_bucket", "_count", "_sum", "_created");

  private final PrometheusRegistry registry;
  /** The names the daemon's own metrics are exposed under: no reading may take one. */
  private final Set<String> taken = new HashSet<>();
  private final Map<String, ReadingGauge> gauges = new HashMap<>();
  /** Each server's series, by module. */
  private final Map<String, Map<String, Set<Series>>> seriesOf = new HashMap<>();

  /** A gauge and its label names ({@code server} first, then the reading's, sorted). */
  private record ReadingGauge(Gauge gauge, List<String> labelNames) {}

  /** One series of a gauge. */
  private record Series(String metric, List<String> labelValues) {}

  /** @param registry the daemon's registry, with its own metrics registered already */
  ReadingGauges(PrometheusRegistry registry) {
    this.registry = registry;
    registry.scrape().forEach(m -> SUFFIXES.forEach(s -> taken.add(m.getMetadata().getPrometheusName() + s)));
  }

  /**
   * Sets the readings of each module of one run of {@code server} and removes the module's series
   * it no longer gives. A module whose facts could not be read this time (failed, no readings)
   * keeps its series, and so does a module missing from the run: its last reading is still the
   * best known.
   */
  void update(String server, List<ModuleOutcome> modules) {
    Map<String, Set<Series>> byModule = seriesOf.computeIfAbsent(server, s -> new HashMap<>());
    for (ModuleOutcome m : modules) {
      if (m.status() == ModuleOutcome.Status.FAILED && m.readings().isEmpty()) {
        continue;
      }
      Set<Series> now = new HashSet<>();
      for (Reading r : m.readings()) {
        ReadingGauge g = gaugeOf(r, m.module());
        if (g == null) {
          continue;
        }
        List<String> values = new ArrayList<>(List.of(server));
        g.labelNames().stream().skip(1).forEach(l -> values.add(r.labels().get(l)));
        g.gauge().labelValues(values.toArray(String[]::new)).set(r.value());
        now.add(new Series(r.name(), values));
      }
      Set<Series> before = byModule.put(m.module(), now);
      if (before != null) {
        before.stream().filter(s -> !now.contains(s)).forEach(this::remove);
      }
    }
  }

  /** The server left the repository: its series go. */
  void forget(String server) {
    Map<String, Set<Series>> byModule = seriesOf.remove(server);
    if (byModule != null) {
      byModule.values().forEach(series -> series.forEach(this::remove));
    }
  }

  /** The gauge of {@code r}'s name, registered at its first reading; null when it cannot be. */
  private ReadingGauge gaugeOf(Reading r, String module) {
    List<String> labelNames = new ArrayList<>(List.of("server"));
    r.labels().keySet().stream().sorted().forEach(labelNames::add);
    ReadingGauge g = gauges.get(r.name());
    if (g == null) {
      if (taken.contains("gardien_" + r.name())) {
        log.atWarn().addKeyValue("module", module).addKeyValue("reading", r.name())
            .log("reading not exported: the daemon has a metric of that name");
        return null;
      }
      try {
        g = new ReadingGauge(Gauge.builder().name("gardien_" + r.name()).help(r.help())
            .labelNames(labelNames.toArray(String[]::new)).register(registry), labelNames);
      } catch (IllegalArgumentException | IllegalStateException e) {
        log.atWarn().addKeyValue("module", module).addKeyValue("reading", r.name())
            .addKeyValue("error", e.getMessage()).log("reading not exported");
        return null;
      }
      gauges.put(r.name(), g);
    }
    if (!g.labelNames().equals(labelNames)) {
      log.atWarn().addKeyValue("module", module).addKeyValue("reading", r.name())
          .addKeyValue("labels", labelNames).addKeyValue("expected", g.labelNames())
          .log("reading not exported: its labels differ from the first reading's");
      return null;
    }
    return g;
  }

  private void remove(Series s) {
    gauges.get(s.metric()).gauge().remove(s.labelValues().toArray(String[]::new));
  }
}
