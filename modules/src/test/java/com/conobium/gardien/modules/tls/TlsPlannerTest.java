package com.conobium.gardien.modules.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsPlannerTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final List<String> DOMAINS = List.of("shop.example");
  static final String CHAIN = "-----BEGIN CERTIFICATE-----\nCHAIN\n-----END CERTIFICATE-----\n";
  static final String KEY = "-----BEGIN PRIVATE KEY-----\nKEYTEXT\n-----END PRIVATE KEY-----\n";

  final TlsPlanner planner = new TlsPlanner();

  static SiteCertificate site(Instant notAfter) {
    return SiteCertificate.of("shop", "acme", DOMAINS, "ACME", CHAIN, new Secret(KEY, "", NOW), notAfter);
  }

  static TlsDesired desired(SiteCertificate... sites) {
    return new TlsDesired(List.of(sites), NOW);
  }

  static DeployedCertificate deployed(SiteCertificate site, Instant notAfter) {
    return new DeployedCertificate(FileFacts.written(TlsPlanner.chainFile(site)), FileFacts.written(TlsPlanner.keyFile(site)),
        notAfter);
  }

  @Test
  void aNewCertificateIsWrittenThenNginxCheckedAndReloaded() {
    SiteCertificate site = site(NOW.plus(Duration.ofDays(90)));

    ModulePlan plan = planner.plan(desired(site), new TlsFacts(true, Map.of()));

    assertThat(plan.changes()).extracting(Change::resource)
        .containsExactly("file /etc/gardien/tls/shop/fullchain.pem", "file /etc/gardien/tls/shop/privkey.pem", "service nginx");
    Change chain = plan.changes().get(0);
    assertThat(chain.action()).isEqualTo(Change.Action.ADD);
    assertThat(chain.sensitive()).isFalse();
    assertThat(chain.after()).isEqualTo("expires 2027-02-23T12:00:00Z (ACME)");
    assertThat(chain.steps()).containsExactly(new Step.PutFile("/etc/gardien/tls/shop/fullchain.pem", CHAIN, "0644", "root", "root", null));
    Change key = plan.changes().get(1);
    assertThat(key.sensitive()).isTrue();
    assertThat(key.steps()).containsExactly(new Step.PutFile("/etc/gardien/tls/shop/privkey.pem", KEY, "0600", "root", "root", null));
    assertThat(key.toString()).doesNotContain("KEYTEXT");
    assertThat(plan.changes().get(2).steps()).containsExactly(new Step.Run(TlsPlanner.RELOAD));
    assertThat(TlsPlanner.RELOAD).startsWith("nginx -t\n").contains("systemctl reload nginx\n", "shutting down");
    assertThat(plan.checks()).containsExactly(CheckResult.of("certificate of site shop", true,
        "a certificate for shop.example valid for 30 more days", "expires 2027-02-23T12:00:00Z"));
  }

  @Test
  void withoutNginxRunningNothingIsReloaded() {
    ModulePlan plan = planner.plan(desired(site(NOW.plus(Duration.ofDays(90)))), new TlsFacts(false, Map.of()));

    assertThat(plan.changes()).extracting(Change::resource).doesNotContain("service nginx").hasSize(2);
  }

  @Test
  void theDeployedCertificateInPlaceIsNoChange() {
    SiteCertificate site = site(NOW.plus(Duration.ofDays(90)));

    ModulePlan plan = planner.plan(desired(site), new TlsFacts(true, Map.of("shop", deployed(site, site.notAfter()))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasFailedChecks()).isFalse();
  }

  @Test
  void aRenewedCertificateReplacesTheDeployedOneShowingItsExpiry() {
    SiteCertificate old = new SiteCertificate("shop", "acme", DOMAINS, "ACME", "old chain", new Secret("old key", "", NOW),
        NOW.plus(Duration.ofDays(10)), null);
    SiteCertificate renewed = site(NOW.plus(Duration.ofDays(90)));

    ModulePlan plan = planner.plan(desired(renewed), new TlsFacts(true, Map.of("shop", deployed(old, old.notAfter()))));

    assertThat(plan.changes()).hasSize(3);
    assertThat(plan.changes().get(0).action()).isEqualTo(Change.Action.CHANGE);
    assertThat(plan.changes().get(0).before()).isEqualTo("expires 2026-12-05T12:00:00Z");
    assertThat(plan.changes().get(1).action()).isEqualTo(Change.Action.CHANGE);
    assertThat(plan.hasFailedChecks()).isFalse();
  }

  @Test
  void aWrongModeOnTheKeyIsFixed() {
    SiteCertificate site = site(NOW.plus(Duration.ofDays(90)));
    FileFacts loose = new FileFacts(true, FileFacts.sha256Hex(KEY), "644", "root", "root");

    ModulePlan plan = planner.plan(desired(site), new TlsFacts(false,
        Map.of("shop", new DeployedCertificate(FileFacts.written(TlsPlanner.chainFile(site)), loose, site.notAfter()))));

    assertThat(plan.changes()).extracting(Change::resource).containsExactly("file /etc/gardien/tls/shop/privkey.pem");
  }

  @Test
  void aCertificateThatCannotBeDeployedIsAFailedCheckAndNothingIsWritten() {
    SiteCertificate refused = SiteCertificate.refused("shop", "provided", DOMAINS, "provided secrets c and k",
        "the private key does not belong to the certificate");

    ModulePlan plan = planner.plan(desired(refused), new TlsFacts(true, Map.of()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).containsExactly(CheckResult.of("certificate of site shop", false,
        "a certificate for shop.example valid for 30 more days",
        "provided secrets c and k: the private key does not belong to the certificate"));
  }

  @Test
  void aCertificateExpiringWithin30DaysIsDeployedButAFailedCheck() {
    SiteCertificate site = site(NOW.plus(Duration.ofDays(20)));

    ModulePlan plan = planner.plan(desired(site), new TlsFacts(false, Map.of("shop", deployed(site, site.notAfter()))));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).singleElement().satisfies(c -> {
      assertThat(c.passed()).isFalse();
      assertThat(c.actual()).isEqualTo("ACME: expires on 2026-12-15T12:00:00Z, replace it");
    });
  }

  @Test
  void noSitesNoPlan() {
    ModulePlan plan = planner.plan(desired(), new TlsFacts(true, Map.of()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).isEmpty();
  }
}
