package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.monitor.DurationText;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gardien incidents [SERVER] [--since DATE]}: the monitoring's incidents, oldest first. */
@Command(
    name = "incidents",
    mixinStandardHelpOptions = true,
    description = {
      "The incidents the monitoring of the daemon (gardien run) stored: a server that failed its checks",
      "monitoring.failuresBeforeAlert rounds in a row, until it answered again. Oldest first, with start,",
      "end (or 'open'), duration, the failed checks, the diagnosis and the last errors.",
      "The database is $GARDIEN_STATE_URL's, else the embedded one in $GARDIEN_HOME/state."
    })
final class IncidentsCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "Only this server (default: all).")
  String server;

  @Option(names = "--since", paramLabel = "DATE",
      description = "Incidents that started on or after this day (YYYY-MM-DD, UTC) or time (ISO 8601). "
          + "Default: 30 days ago.")
  String since;

  @Option(names = "--details", description = "Also show what each server said of itself when its incident opened "
      + "(units down, recent errors, disks, memory), when it was read.")
  boolean details;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final StateAccess state;
  private final Printer printer;
  private final Clock clock;

  @Inject
  IncidentsCommand(StateAccess state, Printer printer, Clock clock) {
    this.state = state;
    this.printer = printer;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Instant now = clock.instant();
    Instant from = since == null ? now.minus(Duration.ofDays(30)) : parseSince(since);
    List<IncidentRecord> incidents = state.monitorHistory().incidents(server, from);
    if (output.format() == OutputFormat.json) {
      ObjectNode doc = Printer.document().put("since", from.toString());
      ArrayNode list = doc.putArray("incidents");
      for (IncidentRecord i : incidents) {
        list.addObject().put("id", i.id()).put("server", i.server()).put("started", i.started().toString())
            .put("alerted", i.alerted().toString()).put("ended", i.ended() == null ? null : i.ended().toString())
            .put("open", i.ended() == null).put("durationSeconds", duration(i, now).toSeconds())
            .put("failedChecks", i.failedChecks()).put("diagnosis", i.diagnosis()).put("lastErrors", i.lastErrors())
            .put("details", i.details()).put("seenBy", i.seenBy());
      }
      printer.json(doc);
      return ExitCode.OK;
    }
    if (incidents.isEmpty()) {
      printer.note("no incident" + (server == null ? "" : " of " + server) + " since " + from.truncatedTo(
          ChronoUnit.SECONDS) + " in the state database " + state.where());
      return ExitCode.OK;
    }
    StringBuilder text = new StringBuilder();
    for (IncidentRecord i : incidents) {
      text.append(String.format(Locale.ROOT, "#%d  %-16s %s -> %s  %s  failed: %s%n", i.id(), i.server(),
          i.started().truncatedTo(ChronoUnit.SECONDS),
          i.ended() == null ? "open" : i.ended().truncatedTo(ChronoUnit.SECONDS),
          DurationText.of(duration(i, now)) + (i.ended() == null ? " so far" : ""), i.failedChecks()));
      text.append("    diagnosis: ").append(i.diagnosis()).append('\n');
      if (!i.seenBy().isEmpty()) {
        text.append("    seen by replicas: ").append(i.seenBy()).append('\n');
      }
      for (String error : i.lastErrors().split("\n")) {
        text.append("    ").append(error).append('\n');
      }
      if (details && !i.details().isEmpty()) {
        i.details().lines().forEach(l -> text.append("    | ").append(l).append('\n'));
      }
    }
    printer.raw(text.toString());
    return ExitCode.OK;
  }

  private Instant parseSince(String value) {
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(),
          "--since: '" + value + "' is neither a day (2026-11-01) nor a time (2026-11-01T08:00:00Z)");
    }
  }

  private static Duration duration(IncidentRecord i, Instant now) {
    return Duration.between(i.started(), i.ended() == null ? now : i.ended());
  }
}
