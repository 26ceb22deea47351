package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.backup.BackupModule;
import com.conobium.gardien.modules.prerequisites.PrerequisitesModule;
import com.conobium.gardien.modules.tls.TlsPlanner;
import com.conobium.gardien.reconciler.maintenance.Maintenance;
import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.monitor.Availability;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.StateRepository;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a server's month from the state database — the monitoring's hours and incidents, the
 * maintenance runs, the run history's changes, the readings — into a {@link MonthlyReport}. No
 * SSH: the report is made from what Gardien recorded.
 */
public final class ReportCollector {
  private final StateRepository runs;
  private final MonitorHistory monitoring;
  private final MaintenanceHistory maintenance;

  public ReportCollector(StateRepository runs, MonitorHistory monitoring, MaintenanceHistory maintenance) {
    this.runs = runs;
    this.monitoring = monitoring;
    this.maintenance = maintenance;
  }

  /** Whether the monitoring watched {@code server} at some time in {@code month} (in {@code zone}). */
  public boolean watched(String server, YearMonth month, ZoneId zone) {
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    return monitoring.hours(server, from, to).stream().anyMatch(h -> h.rounds() > 0);
  }

  /** {@code server}'s report of {@code month}, in its time zone; {@code now} ends an incident still open. */
  public MonthlyReport collect(Server server, FleetSpec fleet, YearMonth month, Instant now) {
    ZoneId zone = ZoneId.of(server.spec().time().timezone());
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    String name = server.name();
    List<CheckHour> hours = monitoring.hours(name, from, to);
    List<IncidentRecord> incidents = monitoring.incidentsDuring(name, from, to);
    Availability availability = Availability.of(name, from, to, hours, incidents, now.isBefore(to) ? now : to);
    List<MaintenanceRecord> runsOfMonth = maintenance.runs(name, from, to).stream().filter(r -> !r.dryRun()).toList();
    Optional<MaintenanceReport> last = runsOfMonth.isEmpty() ? Optional.empty()
        : Optional.of(Maintenance.report(runsOfMonth.get(runsOfMonth.size() - 1)));
    List<MaintenanceRecord> before = maintenance.runs(name, from.minus(Duration.ofDays(62)), from).stream()
        .filter(r -> !r.dryRun()).toList();
    Map<String, Integer> previousDisk = before.isEmpty() ? Map.of()
        : diskUse(Maintenance.report(before.get(before.size() - 1)));
    String customer = server.spec().customer().name() != null ? server.spec().customer().name()
        : server.labels().getOrDefault("customer", "");
    return new MonthlyReport(name, customer, fleet.notifications(), month, zone,
        availability, days(hours, month, zone), incidents(incidents, from, to, now), planned(runsOfMonth, hours),
        last, previousDisk, changes(name, from, to), certificates(name, from, to), lastBackup(name, from, to, last),
        runs.checks(name).stream().filter(c -> c.module().equals(PrerequisitesModule.NAME))
            .map(c -> new MonthlyReport.Prerequisite(c.name(), c.passed(), c.expected(), c.actual(), c.checked()))
            .toList());
  }

  private static List<MonthlyReport.Day> days(List<CheckHour> hours, YearMonth month, ZoneId zone) {
    Map<LocalDate, long[]> perDay = new TreeMap<>();
    for (CheckHour h : hours) {
      if (!h.check().equals(CheckHour.ROUND)) {
        continue;
      }
      long[] d = perDay.computeIfAbsent(h.hour().atZone(zone).toLocalDate(), k -> new long[3]);
      d[0] += h.rounds();
      d[1] += h.failures();
      d[2] += h.tookMillisSum();
    }
    List<MonthlyReport.Day> days = new ArrayList<>();
    for (int i = 1; i <= month.lengthOfMonth(); i++) {
      long[] d = perDay.get(month.atDay(i));
      days.add(d == null || d[0] == 0
          ? new MonthlyReport.Day(month.atDay(i), Optional.empty(), Optional.empty())
          : new MonthlyReport.Day(month.atDay(i), Optional.of(100.0 * (d[0] - d[1]) / d[0]),
              Optional.of(Duration.ofMillis(d[2] / d[0]))));
    }
    return days;
  }

  private static List<MonthlyReport.Incident> incidents(List<IncidentRecord> incidents, Instant from, Instant to,
      Instant now) {
    List<MonthlyReport.Incident> rows = new ArrayList<>();
    for (IncidentRecord i : incidents) {
      Instant start = i.started().isBefore(from) ? from : i.started();
      Instant end = i.ended() == null ? (now.isBefore(to) ? now : to) : (i.ended().isAfter(to) ? to : i.ended());
      rows.add(new MonthlyReport.Incident(i.started(), i.ended(), Duration.between(start, end), i.failedChecks(),
          i.diagnosis()));
    }
    return rows;
  }

  private static List<MonthlyReport.Planned> planned(List<MaintenanceRecord> runs, List<CheckHour> hours) {
    List<MonthlyReport.Planned> rows = new ArrayList<>();
    for (MaintenanceRecord r : runs) {
      long failed = hours.stream().filter(h -> h.check().equals(CheckHour.PLANNED))
          .filter(h -> !h.hour().isBefore(r.started().truncatedTo(java.time.temporal.ChronoUnit.HOURS))
              && h.hour().isBefore(r.finished().plus(Duration.ofHours(1))))
          .mapToLong(CheckHour::failures).sum();
      rows.add(new MonthlyReport.Planned(r.started(), r.finished(), failed));
    }
    return rows;
  }

  private List<MonthlyReport.Change> changes(String server, Instant from, Instant to) {
    List<MonthlyReport.Change> rows = new ArrayList<>();
    for (RunRecord run : runs.runs(server, from, to)) {
      if (run.appliedCount() == 0 && run.driftCount() == 0 && run.failedCount() == 0) {
        continue;
      }
      for (ChangeRecord c : runs.changes(run.id())) {
        rows.add(new MonthlyReport.Change(run.started(), run.revision(), c.module(), c.line(),
            c.status().name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return rows;
  }

  private Map<String, Instant> certificates(String server, Instant from, Instant to) {
    Map<String, Instant> expiry = new TreeMap<>();
    for (ReadingRecord r : runs.readings(server, TlsPlanner.EXPIRY, from, to)) {
      expiry.put(r.labels().getOrDefault("site", "?"), Instant.ofEpochSecond((long) r.value()));
    }
    return expiry;
  }

  /**
   * The latest success of the month's backups, as the daemon's runs read it or, when it is later,
   * as the month's maintenance read it ({@code gardien maintain} without a daemon).
   */
  private Optional<Instant> lastBackup(String server, Instant from, Instant to, Optional<MaintenanceReport> last) {
    List<ReadingRecord> readings = runs.readings(server, BackupModule.LAST_SUCCESS, from, to);
    Optional<Instant> read = readings.isEmpty() ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond((long) readings.get(readings.size() - 1).value()));
    Optional<Instant> maintained = last.flatMap(report -> report.results().stream()
            .filter(r -> r.operation().equals("backups")).findFirst())
        .map(r -> r.details().path("lastSuccess").asText(""))
        .filter(t -> !t.isEmpty())
        .map(Instant::parse)
        .filter(t -> !t.isBefore(from) && t.isBefore(to));
    return Stream.of(read, maintained).flatMap(Optional::stream).max(Comparator.naturalOrder());
  }

  private static Map<String, Integer> diskUse(MaintenanceReport report) {
    Map<String, Integer> use = new TreeMap<>();
    report.results().stream().filter(r -> r.operation().equals("diskSpace")).findFirst()
        .ifPresent(r -> {
          for (JsonNode m : r.details().path("mounts")) {
            use.put(m.path("mount").asText(), m.path("usedPercent").asInt());
          }
        });
    return use;
  }
}
