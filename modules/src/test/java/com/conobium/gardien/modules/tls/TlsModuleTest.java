package com.conobium.gardien.modules.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.SecretsView;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsModuleTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final TlsModule module = new TlsModule(Clock.fixed(NOW, ZoneOffset.UTC));
  final Map<String, String> store = new HashMap<>();
  final Map<String, SecretOwner> owners = new HashMap<>();
  final KeyPair key = TestCertificates.ecKey();

  final SecretsView secrets = new SecretsView() {
    @Override
    public Secret secret(String name, int length, SecretOwner owner) {
      throw new AssertionError("tls generates no secret");
    }

    @Override
    public Optional<Secret> stored(String name, SecretOwner owner) {
      owners.put(name, owner);
      return Optional.ofNullable(store.get(name)).map(v -> new Secret(v, "", NOW, owner));
    }
  };

  Target target(SiteSpec... sites) {
    ServerSpec spec = ServerSpec.builder().sites(List.of(sites)).build();
    return new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null), secrets);
  }

  static SiteSpec site(String name, SiteSpec.Tls tls, String... domains) {
    return new SiteSpec(name, List.of(domains), null, null, null, tls, null);
  }

  String cert(KeyPair k, List<String> names, Duration validFor) {
    return TestCertificates.certificate(k, names, NOW.minus(Duration.ofDays(1)), NOW.plus(validFor));
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("tls");
    assertThat(module.after()).containsExactlyInAnyOrder("packages", "sites");
  }

  @Test
  void anAcmeSiteWithoutAStoredCertificateWaitsForApplyToOrderIt() {
    TlsDesired desired = module.desired(target(site("shop", null, "shop.example")));

    assertThat(desired.sites()).singleElement().satisfies(s -> {
      assertThat(s.usable()).isFalse();
      assertThat(s.mode()).isEqualTo("acme");
      assertThat(s.problem()).isEqualTo("no certificate issued yet; gardien apply orders a new one");
    });
  }

  @Test
  void anAcmeCertificateInTheStoreIsDeployed() {
    store.put("tls/shop/fullchain", cert(key, List.of("shop.example"), Duration.ofDays(90)));
    store.put("tls/shop/privkey", TestCertificates.key(key));

    TlsDesired desired = module.desired(target(site("shop", null, "shop.example")));

    assertThat(desired.sites()).singleElement().satisfies(s -> {
      assertThat(s.usable()).isTrue();
      assertThat(s.fullchain()).isEqualTo(store.get("tls/shop/fullchain"));
      assertThat(s.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(s.toString()).doesNotContain("PRIVATE");
    });
  }

  @Test
  void aProvidedCertificateWithAnotherKeyIsRefusedNamingSiteAndSecrets() {
    store.put("shop-cert", cert(key, List.of("shop.example"), Duration.ofDays(90)));
    store.put("shop-key", TestCertificates.key(TestCertificates.ecKey()));

    TlsDesired desired = module.desired(target(site("shop", new SiteSpec.Tls("provided", "shop-cert", "shop-key"), "shop.example")));

    var plan = module.plan(desired, new TlsFacts(true, Map.of()));
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).singleElement().satisfies(c -> {
      assertThat(c.passed()).isFalse();
      assertThat(c.name()).isEqualTo("certificate of site shop");
      assertThat(c.actual()).isEqualTo("provided secrets shop-cert and shop-key: the private key does not belong to the certificate");
    });
  }

  @Test
  void providedCertificatesAreCheckedForDomainsAndExpiry() {
    store.put("c", cert(key, List.of("other.example"), Duration.ofDays(90)));
    store.put("k", TestCertificates.key(key));
    store.put("old", TestCertificates.certificate(key, List.of("shop.example"), NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1))));

    assertThat(module.desired(target(site("shop", new SiteSpec.Tls("provided", "c", "k"), "shop.example"))).sites().get(0).problem())
        .isEqualTo("the certificate does not cover shop.example (it names other.example)");
    assertThat(module.desired(target(site("shop", new SiteSpec.Tls("provided", "old", "k"), "shop.example"))).sites().get(0).problem())
        .isEqualTo("the certificate expired on 2026-11-24T12:00:00Z");
    assertThat(module.desired(target(site("shop", new SiteSpec.Tls("provided", "missing", "k"), "shop.example"))).sites().get(0).problem())
        .startsWith("the secret missing is not in the secret store of web1");
    assertThat(module.desired(target(site("shop", new SiteSpec.Tls("provided", null, null), "shop.example"))).sites().get(0).problem())
        .startsWith("tls.certificate and tls.key must name");
  }

  @Test
  void aGoodProvidedCertificateIsUsable() {
    store.put("c", cert(key, List.of("*.shop.example", "shop.example"), Duration.ofDays(365)));
    store.put("k", TestCertificates.key(key));

    SiteCertificate s = module.desired(target(site("shop", new SiteSpec.Tls("provided", "c", "k"), "shop.example", "www.shop.example")))
        .sites().get(0);

    assertThat(s.usable()).isTrue();
    assertThat(s.source()).isEqualTo("provided secrets c and k");
    assertThat(owners).as("what the customer provided is the customer's")
        .containsExactlyInAnyOrderEntriesOf(Map.of("c", SecretOwner.CUSTOMER, "k", SecretOwner.CUSTOMER));
  }

  @Test
  void whatAcmeIssuedIsGardiensOwn() {
    module.desired(target(site("shop", null, "shop.example")));

    assertThat(owners).containsOnlyKeys("tls/shop/fullchain", "tls/shop/privkey")
        .allSatisfy((name, owner) -> assertThat(owner).isEqualTo(SecretOwner.GARDIEN));
  }

  @Test
  void sitesWithoutCertificateAreLeftAlone() {
    assertThat(module.desired(target(site("intranet", new SiteSpec.Tls("none", null, null), "intra.example"))).sites()).isEmpty();
  }

  @Test
  void theProbeReportsFilesAndExpiry(@TempDir Path dir) throws Exception {
    String chain = cert(key, List.of("shop.example"), Duration.ofDays(90));
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/fullchain.pem"), chain);
    Files.writeString(dir.resolve("shop/privkey.pem"), "k");
    TlsDesired desired = new TlsDesired(List.of(SiteCertificate.refused("shop", "acme", List.of(), "s", "p"),
        SiteCertificate.refused("blog", "acme", List.of(), "s", "p")), NOW);

    String probe = module.probe(desired).replace("tls_root='/etc/gardien/tls'", "tls_root='" + dir + "'");
    TlsFacts facts = module.facts(ProbeRunner.run(probe));

    assertThat(facts.site("shop").fullchain().contentMatches(chain)).isTrue();
    assertThat(facts.site("shop").privkey().contentMatches("k")).isTrue();
    assertThat(facts.site("shop").notAfter()).isEqualTo(NOW.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(facts.site("blog").fullchain().exists()).isFalse();
    assertThat(facts.site("blog").notAfter()).isNull();
  }

  @Test
  void eachSiteWithADeployedCertificateGivesAReadingOfItsExpiry(@TempDir Path dir) throws Exception {
    String chain = cert(key, List.of("shop.example"), Duration.ofDays(90));
    Files.createDirectories(dir.resolve("shop"));
    Files.writeString(dir.resolve("shop/fullchain.pem"), chain);
    TlsDesired desired = new TlsDesired(List.of(SiteCertificate.refused("shop", "acme", List.of(), "s", "p"),
        SiteCertificate.refused("blog", "acme", List.of(), "s", "p")), NOW);
    String probe = module.probe(desired).replace("tls_root='/etc/gardien/tls'", "tls_root='" + dir + "'");

    ModulePlan plan = module.plan(desired, module.facts(ProbeRunner.run(probe)));

    assertThat(plan.readings()).singleElement().satisfies(r -> {
      assertThat(r.name()).isEqualTo("certificate_expiry_timestamp_seconds");
      assertThat(r.labels()).isEqualTo(Map.of("site", "shop"));
      assertThat((long) r.value()).isEqualTo(NOW.plus(Duration.ofDays(90)).getEpochSecond());
    });
  }

  @Test
  void aDeployedChainThatIsTheDesiredOneIsNotReadAgainAndItsExpiryIsTheDesiredOnes(@TempDir Path dir) throws Exception {
    String deployedChain = cert(key, List.of("shop.example"), Duration.ofDays(90));
    String otherChain = cert(key, List.of("blog.example"), Duration.ofDays(60));
    for (String site : List.of("shop", "blog")) {
      Files.createDirectories(dir.resolve(site));
      Files.writeString(dir.resolve(site + "/fullchain.pem"), deployedChain);
    }
    Instant shopExpiry = NOW.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant blogExpiry = NOW.plus(Duration.ofDays(60)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    TlsDesired desired = new TlsDesired(List.of(
        SiteCertificate.of("shop", "provided", List.of("shop.example"), "s", deployedChain, new Secret("k", "", NOW), shopExpiry),
        SiteCertificate.of("blog", "provided", List.of("blog.example"), "s", otherChain, new Secret("k", "", NOW), blogExpiry)),
        NOW);
    String probe = module.probe(desired).replace("tls_root='/etc/gardien/tls'", "tls_root='" + dir + "'");

    TlsFacts facts = module.facts(ProbeRunner.run(probe));
    ModulePlan plan = module.plan(desired, facts);

    // shop has the chain Gardien would deploy: no openssl, its expiry is known; blog's differs: read
    assertThat(facts.site("shop").notAfter()).isNull();
    assertThat(facts.site("blog").notAfter()).isEqualTo(shopExpiry);
    assertThat(plan.readings()).extracting(r -> r.labels().get("site") + "=" + (long) r.value())
        .containsExactlyInAnyOrder("shop=" + shopExpiry.getEpochSecond(), "blog=" + shopExpiry.getEpochSecond());
  }

  @Test
  void withoutSitesTheProbeReportsNothing() throws Exception {
    TlsFacts facts = module.facts(ProbeRunner.run(module.probe(new TlsDesired(List.of(), NOW))));

    assertThat(facts).isEqualTo(new TlsFacts(false, Map.of()));
  }

  @Test
  void opensslDatesAreRead() {
    assertThat(TlsFacts.notAfter("notAfter=Feb  3 09:05:01 2027 GMT")).isEqualTo(Instant.parse("2027-02-03T09:05:01Z"));
    assertThat(TlsFacts.notAfter("notAfter=Dec 24 23:59:59 2026 GMT\n")).isEqualTo(Instant.parse("2026-12-24T23:59:59Z"));
    assertThat(TlsFacts.notAfter("")).isNull();
    assertThat(TlsFacts.notAfter("notAfter=garbage GMT")).isNull();
  }

  @Test
  void malformedFactsAreRefused() {
    assertThatThrownBy(() -> module.facts(new ObjectMapper().readTree("{\"sites\":{}}"))).isInstanceOf(FactsException.class);
  }
}
