package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.monitor.Availability;
import com.conobium.gardien.reconciler.monitor.DurationText;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gardien uptime [SERVER] --month 2026-11}: each server's availability over a month. */
@Command(
    name = "uptime",
    mixinStandardHelpOptions = true,
    description = {
      "Each server's availability over a calendar month, from the monitoring's history: rounds passed over",
      "rounds run, where a round fails when any of its checks failed (SSH or a site); each check's own",
      "figure, the hours watched, and the incidents with their time within the month. Rounds that failed while",
      "the server's monthly maintenance ran (a planned reboot) are left out and counted apart.",
      "The database is $GARDIEN_STATE_URL's, else the embedded one in $GARDIEN_HOME/state."
    })
final class UptimeCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "Only this server (default: all).")
  String server;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: this month, so far).")
  String month;

  @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
      description = "The time zone the month is counted in, e.g. Europe/Paris (default: ${DEFAULT-VALUE}). "
          + "The history is kept by UTC hour: a zone half an hour off UTC is counted to the hour.")
  String zone;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final StateAccess state;
  private final Printer printer;
  private final Clock clock;

  @Inject
  UptimeCommand(StateAccess state, Printer printer, Clock clock) {
    this.state = state;
    this.printer = printer;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    ZoneId zoneId = zone();
    Instant now = clock.instant();
    YearMonth ym = month(zoneId, now);
    Instant from = ym.atDay(1).atStartOfDay(zoneId).toInstant();
    Instant end = ym.plusMonths(1).atDay(1).atStartOfDay(zoneId).toInstant();
    Instant to = end.isAfter(now) ? now : end;
    MonitorHistory history = state.monitorHistory();
    Map<String, List<CheckHour>> hours = new TreeMap<>();
    history.hours(server, from, to).forEach(h -> hours.computeIfAbsent(h.server(), s -> new ArrayList<>()).add(h));
    Map<String, List<IncidentRecord>> incidents = new TreeMap<>();
    history.incidentsDuring(server, from, to)
        .forEach(i -> incidents.computeIfAbsent(i.server(), s -> new ArrayList<>()).add(i));
    List<Availability> servers = new ArrayList<>();
    for (String name : server != null ? List.of(server) : union(hours, incidents)) {
      servers.add(Availability.of(name, from, to, hours.getOrDefault(name, List.of()),
          incidents.getOrDefault(name, List.of()), now));
    }
    if (output.format() == OutputFormat.json) {
      ObjectNode doc = Printer.document().put("month", ym.toString()).put("zone", zoneId.getId())
          .put("from", from.toString()).put("to", to.toString());
      ArrayNode list = doc.putArray("servers");
      for (Availability a : servers) {
        ObjectNode o = list.addObject().put("server", a.server());
        a.percent().ifPresentOrElse(p -> o.put("availabilityPercent", p), () -> o.putNull("availabilityPercent"));
        o.put("rounds", a.rounds()).put("failedRounds", a.failedRounds()).put("observedHours", a.observedHours())
            .put("hours", a.hours()).put("incidents", a.incidents()).put("downtimeSeconds", a.downtime().toSeconds())
            .put("plannedRounds", a.plannedRounds());
        ObjectNode checks = o.putObject("checks");
        a.checks().forEach((check, c) -> checks.putObject(check).put("rounds", c.rounds())
            .put("failures", c.failures()).put("availabilityPercent", c.percent().orElse(null)));
      }
      printer.json(doc);
      return ExitCode.OK;
    }
    if (servers.isEmpty()) {
      printer.note("no monitoring history in " + ym + " (" + zoneId.getId() + ") in the state database "
          + state.where());
      return ExitCode.OK;
    }
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s (%s)%s%n", ym, zoneId.getId(),
        to.equals(end) ? "" : ", so far"));
    for (Availability a : servers) {
      text.append(String.format(Locale.ROOT, "%-16s %s  %d of %d rounds failed, %d of %d hours watched, "
          + "%d incident(s) for %s%s%n", a.server(), a.percent().map(UptimeCommand::percent).orElse("no data"),
          a.failedRounds(), a.rounds(), a.observedHours(), a.hours(), a.incidents(),
          DurationText.of(a.downtime()), a.plannedRounds() == 0 ? ""
              : ", " + a.plannedRounds() + " failed round(s) during its maintenance left out (planned)"));
      a.checks().forEach((check, c) -> text.append(String.format(Locale.ROOT, "    %-24s %s  (%d of %d failed)%n",
          check, c.percent().map(UptimeCommand::percent).orElse("no data"), c.failures(), c.rounds())));
    }
    printer.raw(text.toString());
    return ExitCode.OK;
  }

  private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeMap<String, Boolean> names = new TreeMap<>();
    a.keySet().forEach(n -> names.put(n, true));
    b.keySet().forEach(n -> names.put(n, true));
    return List.copyOf(names.keySet());
  }

  /** Availability to three decimals: 99.9 % and 99.99 % differ by four minutes a month. */
  static String percent(double p) {
    return String.format(Locale.ROOT, "%.3f %%", p);
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ParameterException(spec.commandLine(), "--zone: '" + zone + "' is not a time zone (e.g. Europe/Paris)");
    }
  }

  private YearMonth month(ZoneId zoneId, Instant now) {
    return MonthArgument.parse(spec, month, YearMonth.from(now.atZone(zoneId)));
  }
}
