package com.conobium.gardien.reconciler.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.CustomerSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.reconciler.daemon.TaskTiming;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.state.ReportRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report as the daemon makes it, on the 1st at 06:00 in the server's zone, from a real
 * (embedded) state database: made once, stored, mailed once with the PDF attached to the customer
 * and the Fleet; a relay that refuses is counted, recorded and tried again an hour later.
 */
class ReportTaskTest {
  static final Instant DAY = Instant.parse("2026-12-01T05:00:00Z"); // 06:00 in Paris

  @TempDir Path dir;
  StateDatabase db;
  final List<Notification> mails = new CopyOnWriteArrayList<>();
  final PrometheusRegistry registry = new PrometheusRegistry();
  final AtomicBoolean relayDown = new AtomicBoolean();

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(dir));
    MonthOfHistory.write(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static Server server() {
    Server base = MonthOfHistory.server();
    ServerSpec spec = ServerSpec.builder().connection(base.spec().connection()).time(base.spec().time())
        .customer(new CustomerSpec("Boulangerie Lefèvre", "contact@boulangerie.example")).build();
    return new Server(base.name(), base.labels(), spec, base.source());
  }

  ReportTask task(Instant now) {
    return new ReportTask(new ReportCollector(db.repository(), db.monitorHistory(), db.maintenanceHistory()),
        db.reports(), new PdfReport(ReportTemplates.builtIn(), PdfReport.fontsFrom(System.getenv())), registry,
        fleet -> Optional.of(n -> {
          if (relayDown.get()) {
            throw new NotifyException("cannot mail through relay.example:587: connection refused");
          }
          mails.add(n);
        }), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void madeOnTheFirstStoredAndMailedOnceWithThePdf() throws Exception {
    ReportTask task = task(DAY);
    TaskTiming timing = task.timing(server(), MonthOfHistory.FLEET).orElseThrow();
    assertThat(timing.first("report/web1", DAY.minusSeconds(3600))).as("before 06:00: at 06:00").isEqualTo(DAY);

    task.run(server(), MonthOfHistory.FLEET);
    task.run(server(), MonthOfHistory.FLEET);

    assertThat(mails).as("once").singleElement().satisfies(m -> {
      assertThat(m.to()).containsExactly("contact@boulangerie.example", "ops@hebergeur.example");
      assertThat(m.subject()).isEqualTo("[gardien] Rapport mensuel web1 — novembre 2026");
      assertThat(m.body()).startsWith("Veuillez trouver ci-joint le rapport mensuel de votre serveur web1");
      assertThat(m.attachments()).singleElement().satisfies(a -> {
        assertThat(a.fileName()).isEqualTo("web1-2026-11.pdf");
        assertThat(a.contentType()).isEqualTo("application/pdf");
        assertThat(new String(a.content(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      });
    });
    ReportRecord stored = db.reports().find("web1", "2026-11", "fr").orElseThrow();
    assertThat(stored.delivered()).isEqualTo(DAY);
    assertThat(stored.deliveryError()).isNull();
    assertThat(db.reports().pdf(stored.id()).orElseThrow()).isEqualTo(mails.get(0).attachments().get(0).content());
    assertThat(scrape()).contains("gardien_report_last_delivery_timestamp_seconds{server=\"web1\"} "
        + (double) DAY.getEpochSecond());
    assertThat(task.timing(server(), MonthOfHistory.FLEET).orElseThrow().first("report/web1", DAY.plusSeconds(60)))
        .as("delivered: next month").isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
  }

  @Test
  void aRelayThatRefusesIsCountedRecordedAndTriedAgainAnHourLater() throws Exception {
    relayDown.set(true);
    ReportTask task = task(DAY);
    task.run(server(), MonthOfHistory.FLEET);

    assertThat(mails).isEmpty();
    ReportRecord stored = db.reports().find("web1", "2026-11", "fr").orElseThrow();
    assertThat(stored.delivered()).isNull();
    assertThat(stored.deliveryError()).contains("connection refused");
    assertThat(scrape()).contains("gardien_report_failures_total{server=\"web1\",stage=\"deliver\"} 1.0");
    TaskTiming timing = task.timing(server(), MonthOfHistory.FLEET).orElseThrow();
    assertThat(timing.next("report/web1", DAY, DAY)).isEqualTo(DAY.plus(ReportTask.RETRY));

    relayDown.set(false);
    task.run(server(), MonthOfHistory.FLEET);
    assertThat(mails).as("the stored report, mailed at last").hasSize(1);
    assertThat(db.reports().list("web1")).as("made once").hasSize(1);
  }

  @Test
  void aDaemonStartedAfterTheDayMakesTheMissingReportAtOnceWhenThereIsSomethingToReport() {
    LocalTime six = LocalTime.of(6, 0);
    Instant later = Instant.parse("2026-12-03T10:00:00Z");
    Instant january = Instant.parse("2027-01-01T05:00:00Z");
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, YearMonth.of(2026, 10), false, later))
        .as("October's was the last mailed: November's is missing").isEqualTo(later);
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, YearMonth.of(2026, 11), true, later))
        .as("November's was mailed").isEqualTo(january);
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, null, true, later))
        .as("no report yet, but November watched").isEqualTo(later);
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, null, false, later))
        .as("a server newly managed: no empty report").isEqualTo(january);
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, YearMonth.of(2026, 10), true,
        Instant.parse("2026-12-09T10:00:00Z"))).as("over a week late: next month").isEqualTo(january);
    assertThat(ReportTask.firstRun(1, six, MonthOfHistory.PARIS, null, true, DAY.minusSeconds(1))).isEqualTo(DAY);
  }

  @Test
  void theMonthWatchedIsReadFromTheMonitoringsHistory() {
    ReportTask task = task(Instant.parse("2026-12-03T10:00:00Z"));
    assertThat(task.timing(server(), MonthOfHistory.FLEET).orElseThrow().first("report/web1",
        Instant.parse("2026-12-03T10:00:00Z"))).as("November watched, no report yet").isEqualTo(
        Instant.parse("2026-12-03T10:00:00Z"));
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
