package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.monitor.Availability;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one server's monthly report says, read from the state database
 * ({@link ReportCollector}): pure data, in the server's time zone, that {@link PdfReport} lays
 * out. The same data gives the same document.
 *
 * @param customer the customer's name (the server's {@code customer} label), or empty
 * @param contacts who to contact about the server (the Fleet's notifications)
 * @param days each day of the month: its availability and average response time, when watched
 * @param incidents the incidents open at some time in the month
 * @param planned the maintenance runs of the month, during which failed rounds are planned
 * @param maintenance the month's last maintenance run (not a dry run), if any
 * @param changes the configuration changes applied (or drift found) in the month, oldest first
 * @param certificates each site's certificate expiry as last read in the month
 * @param lastBackup when the last backup of the month succeeded, as last read
 * @param prerequisites the offer's prerequisites as the server's last run checked them
 */
public record MonthlyReport(
    String server,
    String customer,
    List<String> contacts,
    YearMonth month,
    ZoneId zone,
    Availability availability,
    List<Day> days,
    List<Incident> incidents,
    List<Planned> planned,
    Optional<MaintenanceReport> maintenance,
    Map<String, Integer> previousDiskUse,
    List<Change> changes,
    Map<String, Instant> certificates,
    Optional<Instant> lastBackup,
    List<Prerequisite> prerequisites) {
  public MonthlyReport {
    contacts = List.copyOf(contacts);
    days = List.copyOf(days);
    incidents = List.copyOf(incidents);
    planned = List.copyOf(planned);
    previousDiskUse = Map.copyOf(previousDiskUse);
    changes = List.copyOf(changes);
    certificates = Map.copyOf(certificates);
    prerequisites = List.copyOf(prerequisites);
  }

  /** One prerequisite of the offer (Debian release, RAID, partitions, swap) and when it was checked. */
  public record Prerequisite(String name, boolean passed, String expected, String actual, Instant checked) {}

  /** One day: its availability in percent and average response time, empty when no round ran. */
  public record Day(LocalDate date, Optional<Double> percent, Optional<Duration> averageResponse) {}

  /** One incident, within the month. */
  public record Incident(Instant started, Instant ended, Duration duration, String failed, String diagnosis) {}

  /** One maintenance run: planned time. */
  public record Planned(Instant started, Instant finished, long failedRounds) {}

  /**
   * One configuration change.
   *
   * @param status {@code applied}, {@code failed} or {@code drift} (found in detect mode)
   */
  public record Change(Instant at, String revision, String module, String line, String status) {}

  /** The month's start, in the server's zone. */
  public Instant from() {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  /** The month's end (exclusive). */
  public Instant to() {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }
}
