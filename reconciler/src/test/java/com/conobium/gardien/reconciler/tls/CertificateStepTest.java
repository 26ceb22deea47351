package com.conobium.gardien.reconciler.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateStepTest {
  @TempDir Path home;

  @Test
  void onlyAcmeSitesWithoutAGoodStoredCertificateAreDue() {
    SecretStore store = new SecretStore(home, new SecureRandom(), Clock.systemUTC());
    CertificateStep step = new CertificateStep(new AcmeSessions(home.resolve("acme-ca.pem")),
        new CertificateIssuer(Duration.ofSeconds(1)), store, Clock.systemUTC());
    ServerSpec spec = ServerSpec.builder().sites(List.of(
        new SiteSpec("shop", List.of("shop.example"), null, null, null, null, null),
        new SiteSpec("blog", List.of("blog.example"), null, null, null, new SiteSpec.Tls("provided", "c", "k"), null),
        new SiteSpec("intra", List.of("intra.example"), null, null, null, new SiteSpec.Tls("none", null, null), null))).build();
    Target target = new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null));

    assertThat(step.due(target)).singleElement().satisfies(d -> {
      assertThat(d.site().name()).isEqualTo("shop");
      assertThat(d.reason()).isEqualTo("no certificate issued yet");
    });
    store.put("web1", "tls/shop/fullchain", "not a certificate");
    store.put("web1", "tls/shop/privkey", "not a key");
    assertThat(step.due(target)).singleElement().satisfies(d ->
        assertThat(d.reason()).startsWith("the stored certificate is unreadable"));
    assertThat(step.issue(target, null, List.of())).isEmpty();
  }
}
