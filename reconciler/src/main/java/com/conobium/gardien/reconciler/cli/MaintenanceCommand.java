package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.maintenance.Maintenance;
import com.conobium.gardien.reconciler.maintenance.MaintenanceReport;
import com.conobium.gardien.reconciler.maintenance.OperationResult;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gardien maintenance [SERVER] [--month 2026-11]}: the stored maintenance runs and their results. */
@Command(
    name = "maintenance",
    mixinStandardHelpOptions = true,
    description = {
      "The maintenance runs stored in the state database (by gardien maintain and the daemon), oldest first,",
      "each operation with its result (ok, warning, failed, not applicable), its reason and, with -o json,",
      "its details. The database is $GARDIEN_STATE_URL's, else the embedded one in $GARDIEN_HOME/state."
    })
final class MaintenanceCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "Only this server (default: all).")
  String server;

  @Option(names = "--month", paramLabel = "YYYY-MM",
      description = "The runs of this calendar month (UTC). Default: the current month.")
  String month;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final StateAccess state;
  private final Printer printer;
  private final Clock clock;

  @Inject
  MaintenanceCommand(StateAccess state, Printer printer, Clock clock) {
    this.state = state;
    this.printer = printer;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    YearMonth period = MonthArgument.parse(spec, month, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    Instant from = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<MaintenanceRecord> runs = state.maintenanceHistory().runs(server, from, to);
    if (output.format() == OutputFormat.json) {
      ObjectNode doc = Printer.document().put("month", period.toString());
      ArrayNode list = doc.putArray("runs");
      runs.forEach(r -> list.add(MaintenanceText.json(Maintenance.report(r)).put("id", r.id())));
      printer.json(doc);
      return ExitCode.OK;
    }
    if (runs.isEmpty()) {
      printer.note("no maintenance run" + (server == null ? "" : " of " + server) + " in " + period
          + " in the state database " + state.where());
      return ExitCode.OK;
    }
    StringBuilder text = new StringBuilder();
    for (MaintenanceRecord r : runs) {
      MaintenanceReport report = Maintenance.report(r);
      text.append(String.format("#%d  %-16s %s  %s%n", r.id(), r.server(), r.started().truncatedTo(ChronoUnit.SECONDS),
          MaintenanceText.summary(report)));
      for (OperationResult result : report.results()) {
        text.append(MaintenanceText.line(r.server(), result));
      }
    }
    printer.raw(text.toString());
    return ExitCode.OK;
  }
}
