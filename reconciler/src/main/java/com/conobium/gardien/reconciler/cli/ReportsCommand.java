package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.state.ReportArchive;
import com.conobium.gardien.reconciler.state.ReportRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gardien reports [SERVER] [--get ID --out FILE]}: the monthly reports the daemon made and mailed. */
@Command(
    name = "reports",
    mixinStandardHelpOptions = true,
    description = {
      "The monthly reports the daemon (gardien run) made, newest month first: server, month, language,",
      "when made, when mailed or why not. --get ID --out FILE writes one report's PDF. The database is",
      "$GARDIEN_STATE_URL's, else the embedded one in $GARDIEN_HOME/state."
    })
final class ReportsCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "Only this server (default: all).")
  String server;

  @Option(names = "--get", paramLabel = "ID", description = "Write this report's PDF (with --out).")
  Long get;

  @Option(names = "--out", paramLabel = "FILE", description = "Where --get writes the PDF.")
  Path out;

  @Mixin OutputOptions output;

  private final StateAccess state;
  private final Printer printer;

  @Inject
  ReportsCommand(StateAccess state, Printer printer) {
    this.state = state;
    this.printer = printer;
  }

  @Override
  public Integer call() throws IOException {
    ReportArchive archive = state.reports();
    if (get != null) {
      if (out == null) {
        printer.error("--get needs --out FILE");
        return ExitCode.USAGE;
      }
      Optional<byte[]> pdf = archive.pdf(get);
      if (pdf.isEmpty()) {
        printer.error("no report #" + get + " in the state database " + state.where());
        return ExitCode.FAILURE;
      }
      Files.write(out, pdf.get());
      printer.note(out.toString());
      return ExitCode.OK;
    }
    List<ReportRecord> reports = archive.list(server);
    if (output.format() == OutputFormat.json) {
      ObjectNode doc = Printer.document();
      ArrayNode list = doc.putArray("reports");
      for (ReportRecord r : reports) {
        list.addObject().put("id", r.id()).put("server", r.server()).put("month", r.month())
            .put("language", r.language()).put("generated", r.generated().toString()).put("bytes", r.bytes())
            .put("delivered", r.delivered() == null ? null : r.delivered().toString())
            .put("deliveryError", r.deliveryError());
      }
      printer.json(doc);
      return ExitCode.OK;
    }
    if (reports.isEmpty()) {
      printer.note("no report" + (server == null ? "" : " of " + server) + " in the state database " + state.where());
      return ExitCode.OK;
    }
    StringBuilder text = new StringBuilder();
    for (ReportRecord r : reports) {
      text.append(String.format(Locale.ROOT, "#%d  %-16s %s %s  made %s  %s%n", r.id(), r.server(), r.month(),
          r.language(), r.generated().truncatedTo(ChronoUnit.SECONDS),
          r.delivered() != null ? "mailed " + r.delivered().truncatedTo(ChronoUnit.SECONDS)
              : "not mailed" + (r.deliveryError() == null ? "" : ": " + r.deliveryError())));
    }
    printer.raw(text.toString());
    return ExitCode.OK;
  }
}
