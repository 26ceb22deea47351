package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.tls.CertificateCheck;
import com.conobium.gardien.modules.tls.TlsModule;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.tls.CertificateStep;
import com.conobium.gardien.reconciler.tls.IssueResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the ACME orders of an apply into the server's outcome: a {@code certificates} entry with
 * one change per site ordered, and — when a second reconcile deployed them — the outcome of that
 * reconcile for the modules it changed (the tls module). Pure.
 */
final class CertificateOutcomes {
  static final String MODULE = "certificates";

  private CertificateOutcomes() {}

  /** One change per order, as plans and progress show it. */
  static Change change(IssueResult r) {
    String after = r.issued()
        ? "issued by ACME for " + String.join(", ", r.domains()) + ", expires " + CertificateCheck.day(r.notAfter())
        : "ACME order for " + String.join(", ", r.domains()) + " failed";
    return new Change("certificate of site " + r.site(), Change.Action.CHANGE, r.reason(), after, false, List.of());
  }

  /** The apply's outcome with the orders' results, before any second reconcile. */
  static ServerOutcome withOrders(ServerOutcome applied, List<IssueResult> results) {
    List<ModuleOutcome> modules = new ArrayList<>(applied.modules());
    modules.add(orders(results));
    return new ServerOutcome(applied.server(), modules, applied.error(), applied.roundTrips(), applied.duration());
  }

  /** The orders could not run at all (an earlier module failed, no connection). */
  static ServerOutcome notOrdered(ServerOutcome applied, List<CertificateStep.Due> due, String why) {
    List<ModuleOutcome> modules = new ArrayList<>(applied.modules());
    List<Change> changes = due.stream()
        .map(d -> new Change("certificate of site " + d.site().name(), Change.Action.CHANGE, d.reason(),
            "to be ordered from ACME", false, List.of()))
        .toList();
    modules.add(new ModuleOutcome(MODULE, changes, List.of(), ModuleOutcome.Status.SKIPPED, why, 0));
    return new ServerOutcome(applied.server(), modules, applied.error(), applied.roundTrips(), applied.duration());
  }

  /**
   * {@code first}'s outcome where the second reconcile (after the orders) found nothing to do, the
   * second's where it did something or where the tls module stands differently; then the orders.
   */
  static ServerOutcome merge(ServerOutcome first, ServerOutcome second, List<IssueResult> results) {
    if (second.unreachable()) {
      List<ModuleOutcome> modules = new ArrayList<>(first.modules());
      modules.add(orders(results));
      return new ServerOutcome(first.server(), modules, second.error(), first.roundTrips() + second.roundTrips(),
          first.duration().plus(second.duration()));
    }
    List<ModuleOutcome> modules = new ArrayList<>();
    if (first.modules().isEmpty()) { // orders without a reconcile before them
      modules.addAll(second.modules());
    }
    for (ModuleOutcome m : first.modules()) {
      ModuleOutcome again = second.modules().stream().filter(s -> s.module().equals(m.module())).findFirst().orElse(m);
      boolean secondCounts = again.status() != ModuleOutcome.Status.IN_SYNC || m.module().equals(TlsModule.NAME);
      modules.add(secondCounts ? again : m);
    }
    modules.add(orders(results));
    return new ServerOutcome(first.server(), modules, null, first.roundTrips() + second.roundTrips(),
        first.duration().plus(second.duration()));
  }

  private static ModuleOutcome orders(List<IssueResult> results) {
    List<Change> changes = results.stream().map(CertificateOutcomes::change).toList();
    List<String> errors = results.stream().filter(r -> !r.issued())
        .map(r -> "site " + r.site() + ": " + r.error()).toList();
    long issued = results.stream().filter(IssueResult::issued).count();
    return new ModuleOutcome(MODULE, changes, List.of(),
        errors.isEmpty() ? ModuleOutcome.Status.CONVERGED : ModuleOutcome.Status.FAILED,
        errors.isEmpty() ? null : String.join("; ", errors), (int) issued);
  }
}
