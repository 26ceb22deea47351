package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.maintenance.Verdict;
import com.conobium.gardien.reconciler.monitor.Availability;
import com.fasterxml.jackson.databind.JsonNode;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * A {@link MonthlyReport} as the template reads it: every text in the report's language, every
 * date, number and duration formatted for its locale, every list with a flag saying whether it
 * has anything. Pure.
 */
final class ReportView {
  static final int MAX_DETAILS = 25;

  private final Locale locale;
  private final ResourceBundle text;
  private final DateTimeFormatter date;
  private final DateTimeFormatter dateTime;
  private final NumberFormat decimal;

  ReportView(Locale locale) {
    this.locale = locale;
    this.text = ResourceBundle.getBundle("com.conobium.gardien.reconciler.report.messages", locale);
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    this.dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
    this.decimal = NumberFormat.getNumberInstance(locale);
    decimal.setMinimumFractionDigits(1);
    decimal.setMaximumFractionDigits(1);
  }

  Locale locale() {
    return locale;
  }

  String t(String key, Object... args) {
    String pattern = text.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  /** The template's context. */
  Map<String, Object> context(MonthlyReport r, String css, String logo, Duration monitoringInterval) {
    Map<String, Object> c = new LinkedHashMap<>();
    Map<String, String> t = new LinkedHashMap<>();
    for (String key : text.keySet()) {
      t.put(key.replace('.', '_'), text.getString(key));
    }
    c.put("t", t);
    c.put("lang", locale.getLanguage());
    c.put("css", css);
    c.put("logo", logo);
    c.put("server", r.server());
    c.put("customer", r.customer().isEmpty() ? null : r.customer());
    c.put("contact", r.contacts().isEmpty() ? null : String.join(", ", r.contacts()));
    c.put("zone", r.zone().getId());
    c.put("period", period(r));
    Availability a = r.availability();
    c.put("availability", a.percent().map(this::percent).orElse(t("notWatched")));
    c.put("formula", t("availabilityFormula", every(monitoringInterval)));
    c.put("incidentsSummary", r.incidents().isEmpty() ? t("noIncident")
        : t("incidentsSummary", r.incidents().size(), duration(a.downtime())));
    c.put("backupLine", r.lastBackup().map(b -> t("lastBackup", at(r, b))).orElse(t("noBackupReading")));
    List<Map<String, Object>> operations = new ArrayList<>();
    List<String> attention = new ArrayList<>();
    r.maintenance().ifPresent(m -> {
      c.put("maintenanceRan", t("maintenanceRan", at(r, m.started())));
      for (OperationResult o : m.results()) {
        operations.add(operation(r, o));
        if (o.verdict().needsAttention()) {
          attention.add(t("op." + o.operation()) + " — " + t("verdict." + o.verdict().label()) + t("colon")
              + operationWords().reason(o));
        }
      }
    });
    r.incidents().stream().filter(i -> i.ended() == null).findFirst()
        .ifPresent(i -> attention.add(t("incidents") + ": " + i.failed() + " — " + t("stillOpen")));
    c.put("operations", operations);
    c.put("hasOperations", !operations.isEmpty());
    c.put("attention", attention);
    c.put("hasAttention", !attention.isEmpty());
    List<Map.Entry<Instant, Map<String, Object>>> rows = new ArrayList<>();
    for (MonthlyReport.Incident i : r.incidents()) {
      rows.add(Map.entry(i.started(), Map.of("start", at(r, i.started()),
          "end", i.ended() == null ? t("stillOpen") : at(r, i.ended()), "duration", duration(i.duration()),
          "what", i.failed() + (i.diagnosis().isEmpty() ? "" : " — " + i.diagnosis()), "kind", t("unplanned"))));
    }
    for (MonthlyReport.Planned p : r.planned()) {
      rows.add(Map.entry(p.started(), Map.of("start", at(r, p.started()), "end", at(r, p.finished()),
          "duration", duration(Duration.between(p.started(), p.finished())),
          "what", t("plannedMaintenance", p.failedRounds()), "kind", t("planned"))));
    }
    rows.sort(Map.Entry.comparingByKey());
    List<Map<String, Object>> incidents = rows.stream().map(Map.Entry::getValue).toList();
    c.put("incidentRows", incidents);
    c.put("hasIncidents", !incidents.isEmpty());
    List<Map<String, Object>> changes = new ArrayList<>();
    for (MonthlyReport.Change ch : r.changes()) {
      changes.add(Map.of("when", at(r, ch.at()), "revision", ch.revision() == null ? "" : ch.revision().substring(0,
          Math.min(7, ch.revision().length())), "module", ch.module(), "line", ch.line(), "status",
          t("status." + ch.status())));
    }
    c.put("changeRows", changes);
    c.put("hasChanges", !changes.isEmpty());
    List<String> certificates = new ArrayList<>();
    r.certificates().forEach((site, expiry) -> certificates.add(t("certificateExpires", site,
        expiry.atZone(r.zone()).format(date), Duration.between(r.to(), expiry).toDays())));
    c.put("certificateLines", certificates);
    List<String> prerequisites = new ArrayList<>();
    PrerequisiteWords words = new PrerequisiteWords(this::t);
    for (MonthlyReport.Prerequisite p : r.prerequisites()) {
      prerequisites.add((p.passed() ? "✓ " : "✗ ") + words.name(p.name()) + t("colon") + words.value(p.actual())
          + (p.passed() ? "" : " (" + t("expected") + " " + words.value(p.expected()) + ")"));
    }
    c.put("prerequisiteLines", prerequisites);
    c.put("hasPrerequisites", !prerequisites.isEmpty());
    r.prerequisites().stream().map(MonthlyReport.Prerequisite::checked).max(Instant::compareTo)
        .ifPresent(at -> c.put("prerequisitesChecked", t("checkedOn", at(r, at))));
    c.put("hasCertificates", !certificates.isEmpty());
    return c;
  }

  private Map<String, Object> operation(MonthlyReport r, OperationResult o) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("name", t("op." + o.operation()));
    op.put("verdict", t("verdict." + o.verdict().label()));
    op.put("verdictClass", o.verdict() == Verdict.NOT_APPLICABLE ? "na" : o.verdict().label());
    op.put("reason", operationWords().reason(o));
    List<String> details = details(o);
    op.put("details", details.size() > MAX_DETAILS ? details.subList(0, MAX_DETAILS) : details);
    op.put("hasDetails", !details.isEmpty());
    op.put("diskChart", o.operation().equals("diskSpace") && o.details().path("mounts").size() > 0);
    return op;
  }

  /** The lines that say what an operation did or found, from its details. */
  List<String> details(OperationResult o) {
    JsonNode d = o.details();
    List<String> lines = new ArrayList<>();
    switch (o.operation()) {
      case "upgrades" -> d.path("packages").forEach(p -> lines.add(p.path("name").asText() + " "
          + (p.path("from").isNull() || p.path("from").isMissingNode() ? "(+)" : p.path("from").asText()) + " → "
          + (p.path("to").isNull() || p.path("to").isMissingNode() ? "(−)" : p.path("to").asText())));
      case "purge" -> d.path("purged").forEach(p -> lines.add(p.asText()));
      case "raid" -> d.path("arrays").forEach(a -> lines.add(a.path("name").asText() + " " + a.path("level").asText()
          + " [" + a.path("state").asText() + "]"));
      case "smart" -> d.path("disks").forEach(k -> lines.add(k.path("device").asText() + " "
          + k.path("model").asText("") + (k.has("wearPercent") ? ", " + k.path("wearPercent").asInt() + " %" : "")));
      case "diskSpace" -> d.path("mounts").forEach(m -> lines.add(m.path("mount").asText() + ": "
          + m.path("usedPercent").asInt() + " %" + (m.has("previousPercent") ? " (" + m.path("previousPercent").asInt()
          + " %)" : "")));
      case "fail2ban" -> d.path("jails").fields().forEachRemaining(j -> lines.add(t("detail.bans", j.getKey(),
          j.getValue().path("bansInPeriod").asInt())));
      case "services" -> {
        d.path("failedUnits").forEach(u -> lines.add(u.asText() + ": " + t("verdict.failed")));
        d.path("unexplainedListeners").forEach(l -> lines.add(l.asText()));
      }
      case "portScan" -> {
        lines.add(t("detail.open", join(d.path("open"))));
        if (d.path("unexpected").size() > 0) {
          lines.add(t("detail.unexpected", join(d.path("unexpected"))));
        }
      }
      case "errorLogs" -> d.path("top").forEach(e -> lines.add(e.path("count").asInt() + " × "
          + e.path("source").asText() + ": " + e.path("example").asText()));
      case "backups" -> {
        StringBuilder days = new StringBuilder();
        d.path("calendar").fields().forEachRemaining(e -> days.append(e.getKey().substring(8)).append(
            e.getValue().asText().equals("ok") ? "✓ " : "✗ "));
        if (days.length() > 0) {
          lines.add(days.toString().strip());
        }
        if (d.has("spaceFreeBytes")) {
          lines.add(t("detail.spaceFree", bytes(d.path("spaceFreeBytes").asLong())));
        }
      }
      default -> { }
    }
    return lines;
  }

  private OperationWords operationWords() {
    return new OperationWords(this::t, day -> java.time.LocalDate.parse(day)
        .format(DateTimeFormatter.ofPattern("d MMM", locale)));
  }

  /** "every minute", "every 30 s" in the report's language. */
  private String every(Duration interval) {
    return interval.equals(Duration.ofMinutes(1)) ? t("everyMinute") : t("everyInterval", duration(interval));
  }

  /** The texts of a JSON list, comma-separated. */
  static String join(JsonNode list) {
    List<String> items = new ArrayList<>();
    list.forEach(n -> items.add(n.asText()));
    return String.join(", ", items);
  }

  private String bytes(long n) {
    return decimal.format(n / 1e9) + " " + t("gigabytes");
  }

  String percent(double p) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMinimumFractionDigits(p >= 99.95 && p < 100 ? 2 : 1);
    f.setMaximumFractionDigits(p >= 99.95 && p < 100 ? 2 : 1);
    return f.format(p) + " %";
  }

  String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return d.toSeconds() + " s";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = d.toHours();
    return hours < 48 ? hours + " h " + String.format("%02d", minutes % 60) + " min" : d.toDays() + " d " + hours % 24 + " h";
  }

  String at(MonthlyReport r, Instant instant) {
    return instant.atZone(r.zone()).format(dateTime);
  }

  private String period(MonthlyReport r) {
    String month = r.month().atDay(1).format(DateTimeFormatter.ofPattern("LLLL yyyy", locale));
    return Character.toUpperCase(month.charAt(0)) + month.substring(1);
  }
}
