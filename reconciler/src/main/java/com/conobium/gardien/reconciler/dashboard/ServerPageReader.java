package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.monitor.DurationText;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads one server's page: what is known of it, from the revision in force and the state database. */
final class ServerPageReader {
  static final int RUNS = 20;
  static final int DAYS = 30;

  private final DashboardData data;
  private final FleetReader fleet;
  private final ManifestText manifests = new ManifestText();
  private final Clock clock;

  ServerPageReader(DashboardData data, FleetReader fleet, Clock clock) {
    this.data = data;
    this.fleet = fleet;
    this.clock = clock;
  }

  /** The page's model, or empty when the revision in force has no such server. */
  Optional<Map<String, Object>> read(String name) {
    Optional<Server> found = fleet.server(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Server server = found.get();
    Instant now = clock.instant();
    Map<String, Object> page = new HashMap<>();
    page.put("name", name);
    page.put("row", fleet.row(name).orElse(null));
    page.put("manifest", manifests.of(server.spec()));
    page.put("source", server.source() == null ? "" : server.source().toString());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RunRecord run : data.runs().runs(name, RUNS)) {
      runs.add(run(run));
    }
    page.put("runs", runs);
    page.put("lastRun", runs.isEmpty() ? null : runs.get(0));
    page.put("incidents", incidents(name, now));
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<AvailabilityChart.Day> days = AvailabilityChart.days(
        data.monitoring().hours(name, AvailabilityChart.start(today, DAYS), now.plusSeconds(1)), today, DAYS);
    page.put("chart", AvailabilityChart.svg(days));
    page.put("days", days.stream().map(d -> Map.of("date", d.date().toString(), "percent", d.percent(),
        "rounds", d.rounds())).toList());
    page.put("maintenance", maintenance(name, now));
    page.put("reports", data.reports().list(name).stream().map(r -> Map.of("id", r.id(), "month", r.month(),
        "language", r.language(), "generated", UtcText.minute(r.generated()),
        "kb", Math.max(1, r.bytes() / 1024), "delivered", r.delivered() == null
            ? (r.deliveryError() == null ? "not mailed" : "not mailed: " + r.deliveryError())
            : "mailed " + r.delivered().toString().substring(0, 10))).toList());
    page.put("certificates", certificates(name, now));
    page.put("actions", data.operators().actions(name, 10).stream().map(a -> Map.of(
        "at", UtcText.second(a.at()), "operator", a.operator(), "action", a.action(),
        "outcome", a.outcome())).toList());
    return Optional.of(page);
  }

  private Map<String, Object> run(RunRecord run) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", run.id());
    m.put("started", UtcText.second(run.started()));
    m.put("reason", run.reason().replace('_', ' '));
    m.put("mode", run.mode());
    m.put("result", run.result().replace('_', ' '));
    m.put("sync", FleetReader.sync(run.result()).replace(' ', '-'));
    m.put("took", run.duration().compareTo(Duration.ofSeconds(10)) < 0
        ? String.format(java.util.Locale.ROOT, "%.1f s", run.duration().toMillis() / 1000.0) : DurationText.of(run.duration()));
    m.put("revision", run.revision() == null ? "" : FleetReader.shortId(run.revision()));
    m.put("drift", run.driftCount());
    m.put("applied", run.appliedCount());
    m.put("failed", run.failedCount());
    m.put("error", run.error() == null ? "" : run.error());
    List<ChangeRecord> changes = data.runs().changes(run.id());
    m.put("changes", changes.stream().map(c -> Map.of("module", c.module(), "line", c.line(),
        "status", c.status().label(), "error", c.error() == null ? "" : c.error())).toList());
    m.put("hasChanges", !changes.isEmpty());
    return m;
  }

  private List<Map<String, Object>> incidents(String name, Instant now) {
    List<IncidentRecord> incidents = new ArrayList<>(data.monitoring().incidents(name, now.minus(Duration.ofDays(90))));
    java.util.Collections.reverse(incidents);
    return incidents.stream().map(i -> {
      Map<String, Object> m = new HashMap<>();
      m.put("started", UtcText.second(i.started()));
      m.put("open", i.ended() == null);
      m.put("duration", DurationText.of(Duration.between(i.started(), i.ended() == null ? now : i.ended())));
      m.put("checks", i.failedChecks());
      m.put("diagnosis", i.diagnosis() == null ? "" : i.diagnosis());
      m.put("seenBy", i.seenBy());
      return m;
    }).toList();
  }

  /** The maintenance runs of the last twelve months, by month, newest first, each with its results. */
  private List<Map<String, Object>> maintenance(String name, Instant now) {
    Map<String, List<MaintenanceRecord>> byMonth = data.maintenance().runs(name, now.minus(Duration.ofDays(366)),
        now.plusSeconds(1)).stream().sorted((a, b) -> b.started().compareTo(a.started()))
        .collect(Collectors.groupingBy(r -> r.started().toString().substring(0, 7), LinkedHashMap::new,
            Collectors.toList()));
    List<Map<String, Object>> months = new ArrayList<>();
    byMonth.forEach((month, runs) -> {
      MaintenanceRecord run = runs.get(0);
      months.add(Map.of("month", month, "started", UtcText.minute(run.started()),
          "dryRun", run.dryRun(), "results", run.results().stream().map(r -> Map.of("operation", r.operation(),
              "verdict", r.verdict(), "verdictClass", r.verdict().replace(' ', '-'),
              "reason", r.reason() == null ? "" : r.reason())).toList()));
    });
    return months;
  }

  private List<Map<String, Object>> certificates(String name, Instant now) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (ReadingRecord r : fleet.certificates(name, now)) {
      Instant expires = Instant.ofEpochSecond((long) r.value());
      list.add(Map.of("site", r.labels().getOrDefault("site", "?"), "expires", expires.toString().substring(0, 10),
          "days", Duration.between(now, expires).toDays()));
    }
    return list;
  }

  /** The report of that number, if it is this server's. */
  Optional<com.conobium.gardien.reconciler.state.ReportRecord> report(String server, long id) {
    return data.reports().list(server).stream().filter(r -> r.id() == id).findFirst();
  }

  Optional<byte[]> pdf(long id) {
    return data.reports().pdf(id);
  }
}
