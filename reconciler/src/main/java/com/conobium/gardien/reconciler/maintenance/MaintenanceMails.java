package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.reconciler.notify.Notification;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The one summary mail of a maintenance run that found something to look at. Pure. */
final class MaintenanceMails {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private MaintenanceMails() {}

  static Notification summary(MaintenanceReport report, List<String> to) {
    List<OperationResult> attention = report.needingAttention();
    long failed = attention.stream().filter(r -> r.verdict() == Verdict.FAILED).count();
    long warned = attention.size() - failed;
    StringBuilder body = new StringBuilder("The maintenance of " + report.server() + " on "
        + WHEN.format(report.started()) + " found:\n\n");
    for (OperationResult r : report.results()) {
      body.append(String.format(Locale.ROOT, "  %-10s %-14s %s%n", r.operation(), r.verdict().label(), r.reason()));
    }
    body.append("\nDetails: gardien maintenance ").append(report.server()).append(" -o json\n\n-- \nGardien\n");
    String subject = "[gardien] " + report.server() + " maintenance: "
        + (failed > 0 ? failed + " failed" : "") + (failed > 0 && warned > 0 ? ", " : "")
        + (warned > 0 ? warned + " warning(s)" : "");
    return new Notification(to, subject, body.toString(), report.finished());
  }
}
