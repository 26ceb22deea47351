package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ManifestDuration;
import com.conobium.gardien.model.ReportSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.daemon.PeriodicTask;
import com.conobium.gardien.reconciler.daemon.TaskTiming;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.notify.Notifier;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.state.ReportArchive;
import com.conobium.gardien.reconciler.state.ReportRecord;
import com.conobium.gardien.reconciler.state.StateException;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly report as a kind of work of the daemon: on each server's {@code report.day} at
 * {@code report.time} (its time zone), the report of the month before is made, stored in the state
 * database ({@link ReportArchive}) and mailed as a PDF attachment to the customer
 * ({@code customer.email}) with a copy to the Fleet's notifications. A report made or mailed is
 * not made or mailed again; a failure is logged, counted ({@code gardien_report_failures_total})
 * and tried again an hour later, until the month's report is delivered. A daemon started within
 * {@value #CATCH_UP_DAYS} days after the report's day, with last month's report not delivered,
 * makes it at once — when the server had a report the month before, or was watched last month (a
 * server newly managed gets its first report after its first month, not an empty one).
 */
public final class ReportTask implements PeriodicTask {
  static final String KIND = "report";
  static final Duration RETRY = Duration.ofHours(1);
  static final int CATCH_UP_DAYS = 7;
  private static final Logger log = LoggerFactory.getLogger(ReportTask.class);

  private final ReportCollector collector;
  private final ReportArchive archive;
  private final PdfReport pdf;
  private final Function<FleetSpec, Optional<Notifier>> notifiers;
  private final Clock clock;
  private final Gauge delivered;
  private final Counter failures;
  /** The last month each server's report was delivered for (empty: none), read from the archive once. */
  private final Map<String, Optional<YearMonth>> deliveredMonth = new ConcurrentHashMap<>();
  /** Whether each server (and month, {@code SERVER/YYYY-MM}) was watched that month. */
  private final Map<String, Boolean> watched = new ConcurrentHashMap<>();
  /** The servers whose report failed and is tried again after {@link #RETRY}. */
  private final Set<String> retrying = ConcurrentHashMap.newKeySet();

  public ReportTask(ReportCollector collector, ReportArchive archive, PdfReport pdf, PrometheusRegistry registry,
      Function<FleetSpec, Optional<Notifier>> notifiers, Clock clock) {
    this.collector = collector;
    this.archive = archive;
    this.pdf = pdf;
    this.notifiers = notifiers;
    this.clock = clock;
    this.delivered = Gauge.builder().name("gardien_report_last_delivery_timestamp_seconds")
        .help("When the server's last monthly report was mailed (Unix time)").labelNames("server").register(registry);
    this.failures = Counter.builder().name("gardien_report_failures")
        .help("Monthly reports that could not be made (stage=generate) or mailed (stage=deliver)")
        .labelNames("server", "stage").register(registry);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int workers() {
    return 2;
  }

  @Override
  public Optional<TaskTiming> timing(Server server, FleetSpec fleet) {
    ReportSpec spec = server.spec().report();
    if (!spec.enabled()) {
      return Optional.empty();
    }
    ZoneId zone = ZoneId.of(server.spec().time().timezone());
    return Optional.of(new Timing(this, server.name(), spec.day(), LocalTime.parse(spec.time()), zone,
        lastDelivered(server.name()).orElse(null), watchedLastMonth(server.name(), zone)));
  }

  @Override
  public void run(Server server, FleetSpec fleet) {
    String name = server.name();
    ZoneId zone = ZoneId.of(server.spec().time().timezone());
    YearMonth month = YearMonth.now(clock.withZone(zone)).minusMonths(1);
    String language = server.spec().report().language();
    try {
      Optional<ReportRecord> made = archive.find(name, month.toString(), language);
      if (made.isPresent() && made.get().delivered() != null) {
        deliveredMonth.put(name, Optional.of(month));
        retrying.remove(name);
        return;
      }
      long id;
      byte[] document;
      if (made.isPresent()) {
        id = made.get().id();
        document = archive.pdf(id).orElseThrow();
      } else {
        try {
          document = make(server, fleet, month, language);
        } catch (RuntimeException e) {
          fail(name, "generate", e.getMessage());
          return;
        }
        id = archive.save(name, month.toString(), language, clock.instant(), document);
        log.atInfo().addKeyValue("server", name).addKeyValue("month", month).addKeyValue("bytes", document.length)
            .log("monthly report made");
      }
      deliver(server, fleet, month, language, id, document);
    } catch (StateException e) {
      fail(name, "generate", e.getMessage());
    }
  }

  /**
   * Makes the server's report of the month so far, now, and keeps it with the others (replacing
   * one of that month and language); it is not mailed (an operator asked for it).
   *
   * @return what was made, in a line
   */
  public String makeNow(Server server, FleetSpec fleet) {
    ZoneId zone = ZoneId.of(server.spec().time().timezone());
    YearMonth month = YearMonth.now(clock.withZone(zone));
    String language = server.spec().report().language();
    byte[] document = make(server, fleet, month, language);
    archive.save(server.name(), month.toString(), language, clock.instant(), document);
    log.atInfo().addKeyValue("server", server.name()).addKeyValue("month", month).addKeyValue("bytes", document.length)
        .log("report made on request");
    return "report of " + month + " so far made (" + Math.max(1, document.length / 1024) + " kB), not mailed";
  }

  /** The PDF of the server's report of {@code month}, from the state database. */
  private byte[] make(Server server, FleetSpec fleet, YearMonth month, String language) {
    MonthlyReport report = collector.collect(server, fleet, month, clock.instant());
    return pdf.render(report, Locale.forLanguageTag(language), ManifestDuration.parse(server.spec().monitoring().interval()));
  }

  private void deliver(Server server, FleetSpec fleet, YearMonth month, String language, long id, byte[] document) {
    String name = server.name();
    List<String> to = new ArrayList<>();
    if (server.spec().customer().email() != null) {
      to.add(server.spec().customer().email());
    }
    fleet.notifications().stream().filter(a -> !to.contains(a)).forEach(to::add);
    if (to.isEmpty()) {
      archive.delivery(id, clock.instant(), "no recipient: neither customer.email nor the Fleet's notifications");
      deliveredMonth.put(name, Optional.of(month));
      retrying.remove(name);
      log.atWarn().addKeyValue("server", name).addKeyValue("month", month).log("monthly report kept, mailed to no one");
      return;
    }
    Optional<Notifier> notifier = notifiers.apply(fleet);
    if (notifier.isEmpty()) {
      // nothing to try again until the Fleet names a relay: kept, counted once, not retried
      archive.delivery(id, clock.instant(), "the Fleet has no mail relay (smtp): kept, not mailed");
      failures.labelValues(name, "deliver").inc();
      deliveredMonth.put(name, Optional.of(month));
      retrying.remove(name);
      log.atWarn().addKeyValue("server", name).addKeyValue("month", month)
          .log("monthly report kept, not mailed: the Fleet has no mail relay (smtp)");
      return;
    }
    try {
      notifier.get().send(mail(server, month, language, document, to));
    } catch (NotifyException e) {
      archive.delivery(id, clock.instant(), e.getMessage());
      fail(name, "deliver", e.getMessage());
      return;
    }
    Instant now = clock.instant();
    archive.delivery(id, now, null);
    delivered.labelValues(name).set(now.getEpochSecond());
    deliveredMonth.put(name, Optional.of(month));
    retrying.remove(name);
    log.atInfo().addKeyValue("server", name).addKeyValue("month", month).addKeyValue("to", to)
        .log("monthly report mailed");
  }

  private Notification mail(Server server, YearMonth month, String language, byte[] document, List<String> to) {
    ReportView view = new ReportView(Locale.forLanguageTag(language));
    String period = month.atDay(1).format(java.time.format.DateTimeFormatter.ofPattern("LLLL yyyy",
        Locale.forLanguageTag(language)));
    String subject = "[gardien] " + view.t("title") + " " + server.name() + " — " + period;
    String body = view.t("mailBody", server.name(), period) + "\n\n-- \nGardien\n";
    return new Notification(to, subject, body, clock.instant(), List.of(new Notification.Attachment(
        server.name() + "-" + month + ".pdf", "application/pdf", document)));
  }

  private void fail(String server, String stage, String why) {
    failures.labelValues(server, stage).inc();
    retrying.add(server);
    log.atWarn().addKeyValue("server", server).addKeyValue("stage", stage).addKeyValue("error", why)
        .log("monthly report failed; tried again in an hour");
  }

  /** Whether the monitoring watched {@code server} last month, read once per month and server. */
  private boolean watchedLastMonth(String server, ZoneId zone) {
    YearMonth last = YearMonth.now(clock.withZone(zone)).minusMonths(1);
    return watched.computeIfAbsent(server + "/" + last, k -> {
      try {
        return collector.watched(server, last, zone);
      } catch (StateException e) {
        return false;
      }
    });
  }

  private Optional<YearMonth> lastDelivered(String server) {
    return deliveredMonth.computeIfAbsent(server, s -> {
      try {
        return archive.list(s).stream().filter(r -> r.delivered() != null).map(r -> YearMonth.parse(r.month()))
            .max(YearMonth::compareTo);
      } catch (StateException e) {
        return Optional.empty();
      }
    });
  }

  /**
   * A server's report times: the report day's time each month; at once when this month's report
   * day has passed (within the month) and last month's report was not delivered; an hour later
   * after a failure. Equal while the day, time, zone and last delivered month are.
   */
  static final class Timing implements TaskTiming {
    private final ReportTask task;
    private final String server;
    private final int day;
    private final LocalTime time;
    private final ZoneId zone;
    private final YearMonth lastDelivered;
    private final boolean watchedLastMonth;

    Timing(ReportTask task, String server, int day, LocalTime time, ZoneId zone, YearMonth lastDelivered,
        boolean watchedLastMonth) {
      this.watchedLastMonth = watchedLastMonth;
      this.task = task;
      this.server = server;
      this.day = day;
      this.time = time;
      this.zone = zone;
      this.lastDelivered = lastDelivered;
    }

    @Override
    public Instant first(String key, Instant now) {
      return firstRun(day, time, zone, lastDelivered, watchedLastMonth, now);
    }

    @Override
    public Instant next(String key, Instant planned, Instant now) {
      return task.retrying.contains(server) ? now.plus(RETRY) : nextDay(day, time, zone, now);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Timing t && t.server.equals(server) && t.day == day && t.time.equals(time)
          && t.zone.equals(zone) && java.util.Objects.equals(t.lastDelivered, lastDelivered);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(server, day, time, zone, lastDelivered);
    }
  }

  /**
   * The first run from {@code now}: at once when this month's report day passed less than
   * {@value #CATCH_UP_DAYS} days ago, last month's report is not delivered, and there is something
   * to report (a report the month before, or last month watched); else the next report day. Pure.
   */
  static Instant firstRun(int day, LocalTime time, ZoneId zone, YearMonth lastDelivered, boolean watchedLastMonth,
      Instant now) {
    YearMonth thisMonth = YearMonth.from(now.atZone(zone));
    Instant thisMonthsDay = thisMonth.atDay(day).atTime(time).atZone(zone).toInstant();
    boolean missing = lastDelivered == null ? watchedLastMonth : lastDelivered.isBefore(thisMonth.minusMonths(1));
    boolean due = !now.isBefore(thisMonthsDay) && now.isBefore(thisMonthsDay.plus(Duration.ofDays(CATCH_UP_DAYS)))
        && missing;
    return due ? now : nextDay(day, time, zone, now);
  }

  /** The report day's time strictly after {@code now}. Pure. */
  static Instant nextDay(int day, LocalTime time, ZoneId zone, Instant now) {
    YearMonth month = YearMonth.from(now.atZone(zone));
    Instant candidate = month.atDay(day).atTime(time).atZone(zone).toInstant();
    return candidate.isAfter(now) ? candidate : month.plusMonths(1).atDay(day).atTime(time).atZone(zone).toInstant();
  }
}
