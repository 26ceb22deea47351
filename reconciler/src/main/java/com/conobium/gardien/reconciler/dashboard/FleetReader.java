package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.reconciler.daemon.GoodRevision;
import com.conobium.gardien.reconciler.daemon.ServerStatus;
import com.conobium.gardien.reconciler.monitor.DurationText;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the fleet page's rows from the daemon and the state database. */
class FleetReader {
  static final String CERTIFICATE_EXPIRY = "certificate_expiry_timestamp_seconds";
  /** How far back a certificate's expiry reading still counts (the runs record one each reconcile). */
  static final Duration CERTIFICATE_WINDOW = Duration.ofDays(3);

  private final DashboardData data;
  private final Clock clock;

  FleetReader(DashboardData data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  /** The servers of the revision in force, by name; none before the first valid revision. */
  List<Server> servers() {
    return data.daemon().inForce().map(g -> g.repo().servers().stream()
        .sorted(Comparator.comparing(Server::name)).toList()).orElse(List.of());
  }

  Optional<Server> server(String name) {
    return servers().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  Optional<GoodRevision> inForce() {
    return data.daemon().inForce();
  }

  /** One row per server, filtered: {@code customer} exactly, {@code status} a health or sync word, {@code query} in the name, a domain or the customer. */
  List<FleetRow> rows(String customer, String status, String query) {
    return rows(servers(), customer, status, query);
  }

  /** The row of one server of the revision in force. */
  Optional<FleetRow> row(String name) {
    return server(name).flatMap(s -> rows(List.of(s), null, null, null).stream().findFirst());
  }

  /**
   * The rows of {@code servers}: what the daemon and the state database know of them, read for all
   * at once (a fixed number of queries whatever the fleet's size: the page refreshes every few
   * seconds), then filtered.
   */
  private List<FleetRow> rows(List<Server> servers, String customer, String status, String query) {
    Instant now = clock.instant();
    Map<String, ServerStatus> statuses = data.daemon().status();
    Map<String, ServerRecord> stored = data.runs().servers();
    Map<String, IncidentRecord> open = data.monitoring().openIncidents().stream()
        .collect(Collectors.toMap(IncidentRecord::server, Function.identity(), (a, b) -> a));
    Instant from = now.minus(CERTIFICATE_WINDOW);
    Instant to = now.plusSeconds(1);
    Map<String, MaintenanceRecord> maintenance;
    Map<String, List<ReadingRecord>> certificates;
    if (servers.size() == 1) { // one server's row: its own records only
      String name = servers.get(0).name();
      maintenance = data.maintenance().last(name).map(m -> Map.of(name, m)).orElse(Map.of());
      certificates = Map.of(name, data.runs().readings(name, CERTIFICATE_EXPIRY, from, to));
    } else {
      maintenance = data.maintenance().lastOfEach();
      certificates = data.runs().readingsOfEach(CERTIFICATE_EXPIRY, from, to);
    }
    List<FleetRow> rows = new ArrayList<>();
    for (Server server : servers) {
      String name = server.name();
      FleetRow row = row(server, statuses.get(name), stored.get(name), open.get(name),
          maintenance(Optional.ofNullable(maintenance.get(name))),
          nearestCertificate(latestPerSite(certificates.getOrDefault(name, List.of())), now), now);
      if (matches(row, server, customer, status, query)) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** The customers named in the revision in force, for the filter. */
  List<String> customers() {
    return servers().stream().map(FleetReader::customer).filter(c -> !c.isEmpty()).distinct().sorted().toList();
  }

  private FleetRow row(Server server, ServerStatus status, ServerRecord stored, IncidentRecord incident,
      String maintenance, String certificate, Instant now) {
    String result = status != null ? status.lastResult() : stored != null ? stored.lastResult() : null;
    String sync = sync(result);
    Instant lastRun = status != null ? status.lastRun() : stored != null ? stored.lastStart() : null;
    String health = incident != null ? "down" : "up";
    return new FleetRow(server.name(), customer(server), server.spec().profile() == null ? "" : server.spec().profile(),
        health, sync, sync.replace(' ', '-'), ago(lastRun, now), lastRun == null ? "" : lastRun.toString(),
        result == null ? "" : result.replace('_', ' '),
        stored != null && stored.revision() != null ? shortId(stored.revision()) : "",
        incident == null ? "" : "open for " + DurationText.of(Duration.between(incident.started(), now)),
        maintenance, certificate, status != null && status.running());
  }

  static String sync(String result) {
    if (result == null) {
      return "not run yet";
    }
    return switch (result) {
      case "in_sync", "converged" -> "in sync";
      case "drift" -> "drift";
      default -> "failed";
    };
  }

  private static boolean matches(FleetRow row, Server server, String customer, String status, String query) {
    if (customer != null && !customer.isEmpty() && !customer.equals(row.customer())) {
      return false;
    }
    if (status != null && !status.isEmpty() && !status.equals(row.health()) && !status.equals(row.sync())) {
      return false;
    }
    if (query == null || query.isBlank()) {
      return true;
    }
    String q = query.strip().toLowerCase(Locale.ROOT);
    return server.name().toLowerCase(Locale.ROOT).contains(q) || row.customer().toLowerCase(Locale.ROOT).contains(q)
        || server.spec().sites().stream().map(SiteSpec::domains).flatMap(List::stream)
            .anyMatch(d -> d.toLowerCase(Locale.ROOT).contains(q));
  }

  static String customer(Server server) {
    String name = server.spec().customer() == null ? null : server.spec().customer().name();
    if (name != null && !name.isBlank()) {
      return name;
    }
    return server.labels().getOrDefault("customer", "");
  }

  /** The last maintenance run, summed up: {@code 2026-12 ok}, {@code … 1 failed, 2 warnings}. */
  static String maintenance(Optional<MaintenanceRecord> last) {
    if (last.isEmpty()) {
      return "";
    }
    Map<String, Long> verdicts = last.get().results().stream()
        .collect(Collectors.groupingBy(MaintenanceRecord.Result::verdict, Collectors.counting()));
    long failed = verdicts.getOrDefault("failed", 0L);
    long warnings = verdicts.getOrDefault("warning", 0L);
    String day = last.get().started().toString().substring(0, 10);
    if (last.get().finished() == null) {
      return day + " running";
    }
    if (failed + warnings == 0) {
      return day + " ok";
    }
    return day + (failed > 0 ? " " + failed + " failed" : "") + (warnings > 0 ? " " + warnings + " warning(s)" : "");
  }

  /** The certificates' latest expiry readings, one per site, soonest first. */
  List<ReadingRecord> certificates(String server, Instant now) {
    return latestPerSite(data.runs().readings(server, CERTIFICATE_EXPIRY, now.minus(CERTIFICATE_WINDOW), now.plusSeconds(1)));
  }

  /** Of a server's expiry readings, the latest of each site, soonest expiry first. */
  static List<ReadingRecord> latestPerSite(List<ReadingRecord> readings) {
    return readings.stream().collect(Collectors.toMap(r -> r.labels().getOrDefault("site", ""), Function.identity(),
            (a, b) -> a.taken().isAfter(b.taken()) ? a : b))
        .values().stream().sorted(Comparator.comparingDouble(ReadingRecord::value)).toList();
  }

  /** The soonest expiry of {@code certificates} ({@link #latestPerSite}): {@code shop: 41 d}. */
  static String nearestCertificate(List<ReadingRecord> certificates, Instant now) {
    if (certificates.isEmpty()) {
      return "";
    }
    ReadingRecord soonest = certificates.get(0);
    long days = Duration.between(now, Instant.ofEpochSecond((long) soonest.value())).toDays();
    return soonest.labels().getOrDefault("site", "?") + ": " + days + " d";
  }

  static String ago(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    Duration d = Duration.between(then, now);
    if (d.compareTo(Duration.ofSeconds(60)) < 0) {
      return Math.max(0, d.toSeconds()) + " s ago";
    }
    return DurationText.of(d) + " ago";
  }

  static String shortId(String revision) {
    return revision.substring(0, Math.min(12, revision.length()));
  }
}
