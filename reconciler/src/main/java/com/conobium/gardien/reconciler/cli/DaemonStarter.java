package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.credentials.CredentialSharer;
import com.conobium.gardien.reconciler.daemon.Daemon;
import com.conobium.gardien.reconciler.daemon.Membership;
import com.conobium.gardien.reconciler.daemon.Ownership;
import com.conobium.gardien.reconciler.daemon.SeenRevisions;
import com.conobium.gardien.reconciler.dashboard.Dashboard;
import com.conobium.gardien.reconciler.dashboard.DashboardData;
import com.conobium.gardien.reconciler.state.OperatorRecords;
import com.conobium.gardien.reconciler.daemon.DaemonHttp;
import com.conobium.gardien.reconciler.daemon.DaemonMetrics;
import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.HistoryRetention;
import com.conobium.gardien.reconciler.daemon.RevisionGate;
import com.conobium.gardien.reconciler.daemon.ServerReconciler;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.git.CommitSignatures;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.git.GitSsh;
import com.conobium.gardien.reconciler.git.TrustedKeys;
import com.conobium.gardien.reconciler.git.TrustedKeysException;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.reconciler.maintenance.Maintenance;
import com.conobium.gardien.reconciler.maintenance.MaintenanceRunner;
import com.conobium.gardien.reconciler.maintenance.MaintenanceTask;
import com.conobium.gardien.reconciler.monitor.MonitorRetention;
import com.conobium.gardien.reconciler.report.PdfReport;
import com.conobium.gardien.reconciler.report.ReportCollector;
import com.conobium.gardien.reconciler.report.ReportTask;
import com.conobium.gardien.reconciler.report.ReportTemplates;
import com.conobium.gardien.reconciler.monitor.MonitorTask;
import com.conobium.gardien.reconciler.monitor.SecondLooker;
import com.conobium.gardien.reconciler.monitor.SecondOpinion;
import com.conobium.gardien.reconciler.monitor.SharedSecondOpinion;
import com.conobium.gardien.reconciler.state.SecondLookStore;
import com.conobium.gardien.reconciler.monitor.ServerReport;
import com.conobium.gardien.reconciler.notify.MailNotifier;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.notify.Notifier;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.state.MaintenanceHistory;
import com.conobium.gardien.reconciler.state.MonitorHistory;
import com.conobium.gardien.reconciler.state.ReportArchive;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@code gardien run} together: the Git mirror, the revision gate, the state database, the
 * engine's reconciler over SSH (the same as {@code apply}'s), the secret store, the metrics and the
 * HTTP endpoints.
 */
final class DaemonStarter {
  private static final Logger log = LoggerFactory.getLogger(DaemonStarter.class);
  /** The longest a server's own report may take to read when an incident opens. */
  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(20);
  /** How long after a maintenance run its server's failures still count as planned (services settling). */
  private static final Duration PLANNED_SETTLE = Duration.ofMinutes(5);

  /** A started daemon and its endpoints; closing stops both, gracefully (the state database stays the command's: {@link StateAccess}). */
  interface Running extends AutoCloseable {
    Daemon daemon();

    InetSocketAddress httpAddress();

    /** Where the dashboard listens, when it is on. */
    Optional<InetSocketAddress> dashboardAddress();

    @Override
    void close();
  }

  private final ReconcilerFactory reconcilers;
  private final SecretStore secrets;
  private final StateAccess state;
  private final DefaultIdentity defaultIdentity;
  private final CertificateApply certificates;
  private final Path home;
  private final Set<ResourceModule<?, ?>> modules;
  private final CredentialSharer sharer;

  DaemonStarter(ReconcilerFactory reconcilers, SecretStore secrets, StateAccess state, DefaultIdentity identity,
      CertificateApply certificates, Path home, Set<ResourceModule<?, ?>> modules, CredentialSharer sharer) {
    this.sharer = sharer;
    this.modules = modules;
    this.certificates = certificates;
    this.reconcilers = reconcilers;
    this.secrets = secrets;
    this.state = state;
    this.defaultIdentity = identity;
    this.home = home;
  }

  Running start(RunOptions options) throws IOException {
    return start(options, options.settings(), Duration.ofSeconds(1));
  }

  /** Starts with the given pacing; {@code tick} is how often the loop looks for due servers. */
  Running start(RunOptions options, DaemonSettings settings, Duration tick) throws IOException {
    Optional<CommitSignatures> signatures = signatures(options);
    Path dir = options.stateDir(home);
    Files.createDirectories(dir);
    // the command's own state database (that of the secret store) unless --state-url names another
    StateLocation location = options.stateLocation(home, System.getenv());
    StateRepository store = state.repository(location);
    MonitorHistory history = state.monitorHistory(location);
    MaintenanceHistory maintained = state.maintenanceHistory(location);
    ReportArchive archive = state.reports(location);
    HistoryRetention retention = new HistoryRetention(store, options.keepHistory, Clock.systemUTC());
    MonitorRetention monitorRetention = new MonitorRetention(history, options.keepMonitorRounds,
        options.keepMonitorHours, Clock.systemUTC());
    Path identity = defaultIdentity.or(options.identity);
    Optional<GitSsh> gitSsh = GitSsh.isSshUrl(options.repo)
        ? Optional.of(new GitSsh(options.gitIdentity != null ? options.gitIdentity : identity,
            options.gitKnownHosts != null ? options.gitKnownHosts : home.resolve("git_known_hosts"),
            dir.resolve("ssh-home")))
        : Optional.empty();
    GitSource source = new GitSource(options.repo, options.branch, dir.resolve("mirror.git"), gitSsh);
    DaemonMetrics metrics = new DaemonMetrics();
    OperatorRecords operators = state.operators(location);
    java.util.concurrent.atomic.AtomicReference<Ownership> owner = new java.util.concurrent.atomic.AtomicReference<>();
    RevisionGate gate = new RevisionGate(source, new ConfigRepoLoader(), dir, metrics, signatures,
        verdict -> {
          if (owner.get() == null || owner.get().followsGit()) { // a revision is recorded once, by its follower
            SeenRevisions.of(verdict, Instant.now()).ifPresent(operators::saveRevision);
          }
        });
    Path knownHosts = options.knownHosts != null ? options.knownHosts : gate.current().resolve("known_hosts");
    ReconcilerFactory.Session session;
    try {
      session = reconcilers.open(new ConnectionSettings(identity, knownHosts,
          options.acceptNewHostKeys, Duration.ofSeconds(options.rollbackAfterSeconds),
          options.knownHosts != null ? options.knownHosts.toString()
              : "known_hosts at the root of the config repository " + options.repo + " (commit the change)"));
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
    Optional<Membership> membership = membership(options, location, gate);
    membership.ifPresent(owner::set);
    Optional<SecondLooks> secondLooks = membership.map(m -> secondLooks(m, location, gate));
    Daemon daemon;
    DaemonHttp http;
    Optional<Dashboard> dashboard;
    DaemonDashboardActions actions;
    try {
      Targets targets = new Targets(secrets, session.controllerKeys());
      MaintenanceTask maintenance = new MaintenanceTask(
          new Maintenance(modules, maintained, new MaintenanceRunner(), Clock.systemUTC()), maintained,
          metrics.registry(), this::notifier, (server, fleet) -> session.connect(targets.of(server, fleet)),
          (server, fleet) -> AfterReboot.problem(session, server, targets.of(server, fleet)), Clock.systemUTC(), options.maintenanceParallel);
      ReportTask reports = new ReportTask(new ReportCollector(store, history, maintained), archive,
          new PdfReport(ReportTemplates.overriddenBy(gate.current().resolve("reports")),
              PdfReport.fontsFrom(System.getenv())), metrics.registry(), this::notifier, Clock.systemUTC());
      daemon = new Daemon(source, gate, ServerReconciler.of(session.reconciler(), certificates.stage(session)),
          targets, metrics, store, settings, Clock.systemUTC(), tick,
          List.of(new MonitorTask(metrics.registry(), history, this::notifier, serverReader(session, targets),
              (server, at) -> maintained.underMaintenance(server, at, PLANNED_SETTLE),
              secondLooks.<SecondOpinion>map(l -> l.opinion).orElse(SecondOpinion.NONE), Clock.systemUTC()),
              maintenance, reports),
          membership.<Ownership>map(m -> m).orElse(Ownership.everything()));
      http = new DaemonHttp(options.listenAddress(), daemon, metrics, webhookToken(options));
      actions = new DaemonDashboardActions(daemon, reports, maintenance, sharer, secrets, options.linkBaseUrl);
      Daemon started = daemon;
      dashboard = options.dashboardAddress().map(address -> new Dashboard(address,
          new VersionProvider().getVersion()[0], new DashboardData(started, store, history, maintained, archive, operators),
          actions, Clock.systemUTC()));
    } catch (IOException | RuntimeException e) {
      session.close();
      source.close();
      throw e;
    }
    ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gardien-history-retention");
      t.setDaemon(true);
      return t;
    });
    pruner.scheduleWithFixedDelay(() -> {
      retention.prune();
      monitorRetention.prune();
      pruneMaintenance(maintained, archive, options.keepMonitorHours);
    }, 0, HistoryRetention.EVERY.toMillis(), TimeUnit.MILLISECONDS);
    Daemon running = daemon;
    membership.ifPresent(m -> m.start(running::running));
    secondLooks.ifPresent(l -> l.looker.start());
    daemon.start();
    http.start();
    try {
      dashboard.ifPresent(Dashboard::start);
    } catch (RuntimeException e) {
      daemon.close();
      http.close();
      stop(pruner);
      session.close();
      throw new IllegalArgumentException("the dashboard could not listen on " + options.dashboard + ": "
          + e.getMessage(), e);
    }
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    return new Running() {
      @Override
      public Daemon daemon() {
        return daemon;
      }

      @Override
      public InetSocketAddress httpAddress() {
        return http.address();
      }

      @Override
      public Optional<InetSocketAddress> dashboardAddress() {
        return dashboard.map(Dashboard::address);
      }

      @Override
      public void close() {
        if (closed.getAndSet(true)) {
          return; // once: the signal's way and the shutdown hook's may both come here
        }
        dashboard.ifPresent(Dashboard::close);
        actions.close();
        daemon.close();
        secondLooks.ifPresent(l -> l.looker.close());
        membership.ifPresent(Membership::close);
        http.close();
        stop(pruner);
        session.close();
      }
    };
  }

  /** With --lease: this replica's membership among the others on the shared PostgreSQL database. */
  private Optional<Membership> membership(RunOptions options, StateLocation location, RevisionGate gate) {
    if (options.lease == null) {
      return Optional.empty();
    }
    if (location.isEmbedded()) {
      throw new IllegalArgumentException("--lease: replicas share their fleet through a PostgreSQL state database"
          + " (--state-url or $GARDIEN_STATE_URL); the embedded one is this machine's alone");
    }
    if (options.lease.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalArgumentException("--lease must be at least 3s, not " + options.lease);
    }
    String id = options.replicaId != null ? options.replicaId
        : hostName() + "-" + ProcessHandle.current().pid();
    log.atInfo().addKeyValue("replica", id).addKeyValue("lease", options.lease).log("sharing the fleet by lease");
    return Optional.of(new Membership(state.leases(location), id, options.lease,
        () -> Optional.ofNullable(gate.inForce()).map(g -> g.repo().servers().stream()
            .map(com.conobium.gardien.model.Server::name).toList()).orElse(List.of())));
  }

  /** Two vantage points: this replica's side of asking the others, and of looking for them. */
  private record SecondLooks(SecondOpinion opinion, SecondLooker looker) {}

  private SecondLooks secondLooks(Membership membership, StateLocation location, RevisionGate gate) {
    SecondLookStore store = state.secondLooks(location);
    String id = membership.replica().orElseThrow();
    return new SecondLooks(new SharedSecondOpinion(store, id, membership::live),
        new SecondLooker(store, id, membership::owns, name -> Optional.ofNullable(gate.inForce())
            .flatMap(g -> g.repo().servers().stream().filter(s -> s.name().equals(name)).findFirst())));
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "replica";
    }
  }

  /** The maintenance runs and the reports are kept as long as the monitoring's hours: the monthly reports draw on all three. */
  private static void pruneMaintenance(MaintenanceHistory maintained, ReportArchive archive, Duration keep) {
    try {
      int deleted = maintained.prune(Instant.now().minus(keep));
      int reports = archive.prune(Instant.now().minus(keep));
      if (deleted + reports > 0) {
        log.atInfo().addKeyValue("deleted", deleted).addKeyValue("reports", reports).addKeyValue("keep", keep)
            .log("maintenance history and reports pruned");
      }
    } catch (StateException e) {
      log.atWarn().addKeyValue("error", e.getMessage()).log("maintenance history not pruned");
    }
  }

  /** Lets a prune in progress finish (a delete is short; interrupting it could harm the H2 file). */
  private static void stop(ScheduledExecutorService pruner) {
    pruner.shutdown();
    try {
      if (!pruner.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("the run history prune did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The trusted keys of {@code --trusted-keys} (or $GARDIEN_TRUSTED_KEYS); a bad file stops the start. */
  private static Optional<CommitSignatures> signatures(RunOptions options) {
    List<Path> paths = options.trustedKeys(System.getenv("GARDIEN_TRUSTED_KEYS"));
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    try {
      TrustedKeys keys = TrustedKeys.load(paths);
      log.info("signed_commits=required trusted_keys=\"{}\"", String.join(",", keys.fingerprints()));
      return Optional.of(new CommitSignatures(keys));
    } catch (TrustedKeysException e) {
      throw new IllegalArgumentException("--trusted-keys: " + e.getMessage(), e);
    }
  }

  /** Reads a server's own report over the session's connection, for the diagnosis of an incident. */
  private static MonitorTask.ServerReader serverReader(ReconcilerFactory.Session session, Targets targets) {
    return (server, fleet) -> {
      try (RemoteHost host = session.connect(targets.of(server, fleet))) {
        ExecResult result = host.exec(ServerReport.SCRIPT, null, REPORT_TIMEOUT);
        return ServerReport.parse(result.stdout());
      }
    };
  }


  /** The Fleet's mail relay, for the monitoring's alerts; empty without one (the alerts are then only logged). */
  private Optional<Notifier> notifier(FleetSpec fleet) {
    if (fleet.smtp() == null || fleet.smtp().host() == null || fleet.notifications().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MailNotifier.of(fleet, secrets)::send);
    } catch (NotifyException e) {
      log.atWarn().addKeyValue("error", e.getMessage()).log("monitoring alerts not mailed");
      return Optional.empty();
    }
  }

  private static String webhookToken(RunOptions options) {
    if (options.webhookTokenFile != null) {
      try {
        return Files.readString(options.webhookTokenFile).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the webhook token file " + options.webhookTokenFile, e);
      }
    }
    String env = System.getenv("GARDIEN_WEBHOOK_TOKEN");
    return env == null ? null : env.strip();
  }
}
