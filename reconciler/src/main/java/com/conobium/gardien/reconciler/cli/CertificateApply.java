package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.ControllerStage;
import com.conobium.gardien.reconciler.engine.ChangeLog;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.conobium.gardien.reconciler.tls.CertificateStep;
import com.conobium.gardien.reconciler.tls.IssueResult;
import jakarta.inject.Inject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@code apply} after a server's reconcile: orders the ACME certificates its sites are
 * due for (port 80 now serves the webroot), then reconciles again so the tls module deploys them.
 * Nothing happens when no certificate is due, so a converged server costs no ACME request. The
 * same {@link #stage stage} runs in the daemon.
 */
final class CertificateApply {
  private static final Logger log = LoggerFactory.getLogger(CertificateApply.class);

  private final CertificateStep step;

  @Inject
  CertificateApply(CertificateStep step) {
    this.step = step;
  }

  /** This step as the controller stage of {@code session}'s servers (for the daemon). */
  ControllerStage stage(ReconcilerFactory.Session session) {
    return new ControllerStage() {
      @Override
      public boolean due(Target target) {
        return !step.due(target).isEmpty();
      }

      @Override
      public ServerOutcome after(Target target, ServerOutcome applied, ApplyListener progress) {
        return afterApply(session, target, applied, progress);
      }
    };
  }

  ServerOutcome afterApply(ReconcilerFactory.Session session, Target target, ServerOutcome applied,
      ApplyListener progress) {
    if (applied.unreachable()) {
      return applied;
    }
    return order(session, target, applied, step.due(target), progress);
  }

  /** Orders {@code due} after {@code applied}, then deploys what was issued. */
  ServerOutcome order(ReconcilerFactory.Session session, Target target, ServerOutcome applied,
      List<CertificateStep.Due> due, ApplyListener progress) {
    if (due.isEmpty()) {
      return applied;
    }
    if (applied.hasFailures()) {
      return CertificateOutcomes.notOrdered(applied, due, "not ordered: an earlier module failed");
    }
    List<IssueResult> results;
    try (RemoteHost host = session.connect(target)) {
      results = step.issue(target, host, due);
    } catch (SshException e) {
      return CertificateOutcomes.notOrdered(applied, due, "not ordered: " + e.getMessage());
    }
    String server = target.server().name();
    results.forEach(r -> {
      Change change = CertificateOutcomes.change(r);
      progress.changed(server, CertificateOutcomes.MODULE, change, r.error());
      // one line per order, as the engine logs each change
      ChangeLog.change(log, server, CertificateOutcomes.MODULE, change, r.error());
    });
    if (results.stream().noneMatch(IssueResult::issued)) {
      return CertificateOutcomes.withOrders(applied, results);
    }
    ServerOutcome again = session.reconciler().apply(target, progress);
    return CertificateOutcomes.merge(applied, again, results);
  }
}
