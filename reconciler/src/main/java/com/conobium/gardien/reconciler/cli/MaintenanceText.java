package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.maintenance.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** How maintenance results read on a terminal and in JSON. Pure. */
final class MaintenanceText {
  private static final int LISTED = 30;

  private MaintenanceText() {}

  /** One result: its verdict and reason, then the packages it touched, one per line. */
  static String line(String server, OperationResult r) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-10s %-14s %s%n", r.operation(),
        r.verdict().label(), r.reason()));
    JsonNode packages = r.details().path("packages");
    int n = 0;
    for (JsonNode p : packages) {
      if (n++ == LISTED) {
        text.append("      … ").append(packages.size() - LISTED).append(" more\n");
        break;
      }
      text.append("      ").append(p.path("name").asText()).append(' ')
          .append(p.path("from").isNull() ? "(new)" : p.path("from").asText()).append(" -> ")
          .append(p.path("to").isNull() ? "(removed)" : p.path("to").asText()).append('\n');
    }
    // what purge removed, or (a dry run) what it would remove
    for (String list : r.details().has("purged") ? new String[] {"purged"} : new String[] {"unused", "residualConfig"}) {
      if (r.details().path(list).size() > 0) {
        text.append("      ").append(list).append(':');
        r.details().path(list).forEach(x -> text.append(' ').append(x.asText()));
        text.append('\n');
      }
    }
    return text.toString();
  }

  /** The run in one line: how many failed and warned. */
  static String summary(MaintenanceReport report) {
    long failed = report.results().stream().filter(r -> r.verdict() == Verdict.FAILED).count();
    long warned = report.results().stream().filter(r -> r.verdict() == Verdict.WARNING).count();
    return report.overall().label() + " (" + report.results().size() + " operation(s): " + failed + " failed, "
        + warned + " warning(s))" + (report.dryRun() ? ", dry run" : "");
  }

  static ObjectNode json(MaintenanceReport report) {
    ObjectNode o = Printer.document().put("server", report.server()).put("started", report.started().toString())
        .put("finished", report.finished().toString()).put("dryRun", report.dryRun())
        .put("overall", report.overall().label());
    ArrayNode results = o.putArray("results");
    for (OperationResult r : report.results()) {
      results.addObject().put("operation", r.operation()).put("verdict", r.verdict().label()).put("reason", r.reason())
          .set("details", r.details());
    }
    return o;
  }
}
