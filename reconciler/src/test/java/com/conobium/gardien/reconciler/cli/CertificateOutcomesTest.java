package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.tls.CertificateStep;
import com.conobium.gardien.reconciler.tls.IssueResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateOutcomesTest {
  static final IssueResult ISSUED =
      new IssueResult("shop", List.of("shop.example"), "no certificate issued yet", Instant.parse("2027-02-23T12:00:00Z"), null);
  static final IssueResult FAILED =
      new IssueResult("blog", List.of("blog.example"), "no certificate issued yet", null, "ACME: unauthorized");

  static ModuleOutcome module(String name, ModuleOutcome.Status status, int applied) {
    return new ModuleOutcome(name, List.of(), List.of(), status, null, applied);
  }

  @Test
  void theSecondReconcileCountsForTlsAndForWhatItChanged() {
    ModuleOutcome tlsBefore = new ModuleOutcome("tls", List.of(), List.of(CheckResult.of("certificate of site shop",
        false, "a certificate", "none")), ModuleOutcome.Status.IN_SYNC, null, 0);
    ServerOutcome first = new ServerOutcome("web1", List.of(module("packages", ModuleOutcome.Status.CONVERGED, 3), tlsBefore),
        null, 4, Duration.ofSeconds(10));
    ModuleOutcome tlsAfter = module("tls", ModuleOutcome.Status.CONVERGED, 3);
    ServerOutcome second = new ServerOutcome("web1", List.of(module("packages", ModuleOutcome.Status.IN_SYNC, 0), tlsAfter),
        null, 3, Duration.ofSeconds(2));

    ServerOutcome merged = CertificateOutcomes.merge(first, second, List.of(ISSUED));

    assertThat(merged.modules()).extracting(ModuleOutcome::module).containsExactly("packages", "tls", "certificates");
    assertThat(merged.modules().get(0).applied()).isEqualTo(3);
    assertThat(merged.modules().get(1)).isEqualTo(tlsAfter);
    assertThat(merged.hasFailedChecks()).isFalse();
    ModuleOutcome orders = merged.modules().get(2);
    assertThat(orders.status()).isEqualTo(ModuleOutcome.Status.CONVERGED);
    assertThat(orders.changes()).singleElement().satisfies(c -> {
      assertThat(c.resource()).isEqualTo("certificate of site shop");
      assertThat(c.before()).isEqualTo("no certificate issued yet");
      assertThat(c.after()).isEqualTo("issued by ACME for shop.example, expires 2027-02-23T12:00:00Z");
    });
    assertThat(merged.roundTrips()).isEqualTo(7);
    assertThat(merged.duration()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aFailedOrderFailsTheServerWithItsReason() {
    ServerOutcome first = new ServerOutcome("web1", List.of(module("tls", ModuleOutcome.Status.IN_SYNC, 0)), null, 1,
        Duration.ofSeconds(1));

    ServerOutcome out = CertificateOutcomes.withOrders(first, List.of(FAILED));

    assertThat(out.hasFailures()).isTrue();
    assertThat(out.modules().get(1).error()).isEqualTo("site blog: ACME: unauthorized");
  }

  @Test
  void ordersAreSkippedWhenAnEarlierModuleFailed() {
    ServerOutcome first = new ServerOutcome("web1", List.of(module("packages", ModuleOutcome.Status.FAILED, 0)), null, 1,
        Duration.ofSeconds(1));
    SiteSpec shop = new SiteSpec("shop", List.of("shop.example"), null, null, null, null, null);

    ServerOutcome out = CertificateOutcomes.notOrdered(first, List.of(new CertificateStep.Due(shop, "no certificate issued yet")),
        "not ordered: an earlier module failed");

    ModuleOutcome orders = out.modules().get(1);
    assertThat(orders.status()).isEqualTo(ModuleOutcome.Status.SKIPPED);
    assertThat(orders.changes()).extracting(Change::resource).containsExactly("certificate of site shop");
  }

  @Test
  void ordersAloneTakeTheSecondReconcileWhole() {
    ServerOutcome none = new ServerOutcome("web1", List.of(), null, 0, Duration.ZERO);
    ServerOutcome second = new ServerOutcome("web1", List.of(module("packages", ModuleOutcome.Status.IN_SYNC, 0),
        module("tls", ModuleOutcome.Status.CONVERGED, 2)), null, 3, Duration.ofSeconds(2));

    assertThat(CertificateOutcomes.merge(none, second, List.of(ISSUED)).modules()).extracting(ModuleOutcome::module)
        .containsExactly("packages", "tls", "certificates");
  }
}
