package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.report.MonthlyReport;
import com.conobium.gardien.reconciler.report.PdfReport;
import com.conobium.gardien.reconciler.report.ReportCollector;
import com.conobium.gardien.reconciler.report.ReportTemplates;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
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

/**
 * {@code gardien report SERVER… [--month 2026-11] [--out DIR] [--lang fr|en]}: one monthly PDF per
 * server, from the state database and the manifests (no SSH).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes each server's monthly report as a PDF (docs/report.md): availability with a daily chart,",
      "incidents, the maintenance's results, configuration changes, certificates, backups. Read from the",
      "state database (no SSH); the month is the server's calendar month in its time zone. The config",
      "repository's reports/ folder may hold report.mustache, report.css and logo.png to replace Gardien's."
    })
final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "SERVER", description = "The servers to report on.")
  List<String> servers;

  @Option(names = {"-r", "--repo"}, defaultValue = ".", paramLabel = "REPO_DIR",
      description = "The config repository (default: the current directory).")
  Path repo;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month (default: last month).")
  String month;

  @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
      description = "Where the PDFs go, one SERVER-YYYY-MM.pdf each (default: the current directory).")
  Path out;

  @Option(names = "--lang", defaultValue = "fr", paramLabel = "fr|en", description = "The report's language (default: fr).")
  String lang;

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  private final RepoReader reader;
  private final StateAccess state;
  private final Printer printer;
  private final Clock clock;

  @Inject
  ReportCommand(RepoReader reader, StateAccess state, Printer printer, Clock clock) {
    this.reader = reader;
    this.state = state;
    this.printer = printer;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (!lang.equals("fr") && !lang.equals("en")) {
      throw new ParameterException(spec.commandLine(), "--lang: '" + lang + "' is not fr or en");
    }
    YearMonth period = MonthArgument.parse(spec, month, YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(1));
    ConfigRepo config;
    try {
      config = reader.read(repo);
    } catch (InvalidConfigException e) {
      printer.invalid(output.format(), repo, e.problems());
      return ExitCode.INVALID_CONFIG;
    }
    List<Server> selected = FleetRun.select(spec, config, servers);
    Path templates = repo.resolve("reports");
    PdfReport pdf = new PdfReport(Files.isDirectory(templates) ? ReportTemplates.overriddenBy(templates)
        : ReportTemplates.builtIn(), PdfReport.fontsFrom(System.getenv()));
    ReportCollector collector = new ReportCollector(state.repository(), state.monitorHistory(),
        state.maintenanceHistory());
    Files.createDirectories(out);
    ObjectNode doc = Printer.document().put("month", period.toString());
    ArrayNode written = doc.putArray("reports");
    for (Server server : selected) {
      MonthlyReport report = collector.collect(server, config.fleet(), period, clock.instant());
      Path file = out.resolve(server.name() + "-" + period + ".pdf");
      Files.write(file, pdf.render(report, Locale.forLanguageTag(lang), ManifestDuration.parse(server.spec().monitoring().interval())));
      written.addObject().put("server", server.name()).put("file", file.toString())
          .put("availabilityPercent", report.availability().percent().orElse(null))
          .put("incidents", report.incidents().size());
      if (output.format() == OutputFormat.text) {
        printer.note(server.name() + ": " + file);
      }
    }
    if (output.format() == OutputFormat.json) {
      printer.json(doc);
    }
    return ExitCode.OK;
  }
}
