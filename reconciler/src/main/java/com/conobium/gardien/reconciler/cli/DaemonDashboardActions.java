package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.reconciler.credentials.CredentialLinkException;
import com.conobium.gardien.reconciler.credentials.CredentialSharer;
import com.conobium.gardien.reconciler.credentials.LinkMailer;
import com.conobium.gardien.reconciler.daemon.Daemon;
import com.conobium.gardien.reconciler.daemon.GoodRevision;
import com.conobium.gardien.reconciler.dashboard.DashboardActions;
import com.conobium.gardien.reconciler.maintenance.MaintenanceTask;
import com.conobium.gardien.reconciler.notify.MailNotifier;
import com.conobium.gardien.reconciler.notify.NotifyException;
import com.conobium.gardien.reconciler.report.ReportTask;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's actions carried out by the running daemon's parts: its schedule, its report and
 * maintenance tasks, and the credential links of {@code gardien credentials share --to}.
 */
final class DaemonDashboardActions implements DashboardActions, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaemonDashboardActions.class);
  static final Duration LINK_TTL = Duration.ofHours(72);

  private final Daemon daemon;
  private final ReportTask reports;
  private final MaintenanceTask maintenance;
  private final CredentialSharer sharer;
  private final SecretStore secrets;
  private final String linkBaseUrl;
  private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "gardien-dashboard-maintenance");
    t.setDaemon(true);
    return t;
  });

  DaemonDashboardActions(Daemon daemon, ReportTask reports, MaintenanceTask maintenance, CredentialSharer sharer,
      SecretStore secrets, String linkBaseUrl) {
    this.daemon = daemon;
    this.reports = reports;
    this.maintenance = maintenance;
    this.sharer = sharer;
    this.secrets = secrets;
    this.linkBaseUrl = linkBaseUrl;
  }

  @Override
  public String reconcile(String server) {
    return daemon.requestRun(server) ? "run requested: it starts within a second unless one is in flight"
        : "not in the revision in force";
  }

  @Override
  public String report(String server) {
    GoodRevision good = inForce();
    return reports.makeNow(server(good, server), good.repo().fleet());
  }

  @Override
  public String maintain(String server, String operation) {
    GoodRevision good = inForce();
    Server found = server(good, server);
    if (!found.spec().maintenance().checks().contains(operation)) {
      return "refused: " + operation + " is not among the server's maintenance.checks";
    }
    try {
      background.submit(() -> {
        try {
          maintenance.runNow(found, good.repo().fleet(), Set.of(operation));
        } catch (SshException | RuntimeException e) {
          log.atWarn().addKeyValue("server", server).addKeyValue("operation", operation)
              .addKeyValue("error", e.getMessage()).log("maintenance asked for not run");
        }
      });
    } catch (RejectedExecutionException e) {
      return "refused: the daemon is stopping";
    }
    return operation + " started; its result joins the maintenance runs when it ends";
  }

  @Override
  public String shareCredentials(String server) {
    GoodRevision good = inForce();
    Server found = server(good, server);
    String to = found.spec().customer() == null ? null : found.spec().customer().email();
    if (to == null || to.isBlank()) {
      return "refused: the manifest names no customer.email to mail the link to";
    }
    LinkMailer mailer;
    try {
      mailer = new LinkMailer(MailNotifier.of(good.repo().fleet(), secrets));
    } catch (NotifyException e) {
      return "refused: " + e.getMessage();
    }
    CredentialSharer.Delivered delivered;
    try {
      delivered = sharer.shareAndDeliver(server, List.of(), LINK_TTL, linkBaseUrl, shared -> mailer.send(to, shared));
    } catch (CredentialLinkException e) {
      return "failed: " + e.getMessage();
    }
    int revoked = delivered.revoked().size();
    return "a new link (" + delivered.shared().link().names().size() + " credentials, " + LINK_TTL.toHours()
        + " h) mailed to " + to + (revoked > 0 ? "; " + revoked + " older unopened link(s) revoked" : "");
  }

  private GoodRevision inForce() {
    return daemon.inForce().orElseThrow(() -> new IllegalStateException("no revision in force"));
  }

  private static Server server(GoodRevision good, String name) {
    return good.repo().server(name).orElseThrow(() -> new IllegalStateException("not in the revision in force"));
  }

  @Override
  public void close() {
    background.shutdownNow();
  }
}
