package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.google.inject.Guice;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code gardien run} alone — no {@code apply} from the command line — on a real Debian 13 host
 * whose manifest has an ACME site, against Pebble issuing certificates that live 150 s, with a
 * renewal window of 120 s: the daemon converges the site, orders its certificate, deploys it (curl
 * verifies it against Pebble's root), and about 30 s later renews it by itself, while the server is
 * otherwise in sync; the expiry reading it exports moves forward.
 */
@ExtendWith(DebianHostExtension.class)
class DaemonAcmeIT {
  static final Duration VALIDITY = Duration.ofSeconds(150);
  static final String SERIES = "gardien_certificate_expiry_timestamp_seconds{server=\"%s\",site=\"shop\"}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDaemonOrdersDeploysAndRenewsAnAcmeCertificateByItself(TestHosts hosts) throws Exception {
    TestHost host = hosts.boot(HostOptions.defaults().withWebStack());
    Path dir = Files.createTempDirectory("gardien-daemon-acme-it");
    try (Pebble pebble = Pebble.start(dir, host.address(), VALIDITY)) {
      BareConfigRepo config = BareConfigRepo.create(dir.resolve("config.git"));
      TestRepo repo = new TestRepo(dir.resolve("work"), host)
          .fleet("{acme: {email: admin@gardien.test, directory: '" + pebble.directory() + "', renewBefore: 120s}}")
          .write(TlsIT.SITE);
      Files.createDirectories(repo.home);
      Files.writeString(repo.home.resolve("acme-ca.pem"), pebble.tlsCertificatePem());
      Files.writeString(dir.resolve("root.pem"), pebble.issuingRoot());
      config.publish(repo.root, "an ACME site");

      RunOptions options = config.runOptions(host.rootKey(), dir.resolve("state"));
      options.rollbackAfterSeconds = 90;
      DaemonSettings settings = new DaemonSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2),
          2, Mode.APPLY, Duration.ofMinutes(5), 3, Duration.ofSeconds(60));
      DaemonStarter starter = Guice.createInjector(new CliWiring(repo.home)).getInstance(DaemonStarter.class);
      try (DaemonStarter.Running daemon = starter.start(options, settings, Duration.ofMillis(200))) {
        String series = SERIES.formatted(host.name());
        // ordered and deployed: the reading is of a certificate that ends within VALIDITY (the sites
        // module's placeholder, deployed first, lives far longer)
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
            .until(() -> issuedByPebble(expiry(daemon, series)));
        double first = expiry(daemon, series);
        host.check("printf 'shop over https\\n' > /srv/www/shop/public/index.html"
            + " && chown shop: /srv/www/shop/public/index.html");
        assertThat(TlsIT.curl(host, dir)).as("curl verifies the certificate the daemon ordered")
            .isEqualTo("shop over https\n");

        // nothing committed since: the daemon renews it once it is within 120 s of its end
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
            .until(() -> expiry(daemon, series) > first && issuedByPebble(expiry(daemon, series)));
        assertThat(expiry(daemon, series) - first).as("the renewed certificate ends later").isPositive();
        assertThat(TlsIT.curl(host, dir)).as("the renewed certificate is served").isEqualTo("shop over https\n");
        String metrics = metrics(daemon);
        assertThat(metrics).doesNotContain("gardien_changes_total{result=\"failed\"");
        assertThat(metrics).contains("gardien_reconcile_runs_total{result=\"converged\",server=\"" + host.name() + "\"}");
      }
    }
  }

  /** Whether a certificate ending at {@code epochSecond} is one Pebble issued lately. */
  private static boolean issuedByPebble(double epochSecond) {
    long now = Instant.now().getEpochSecond();
    return epochSecond > now && epochSecond <= now + VALIDITY.toSeconds() + 5;
  }

  private String metrics(DaemonStarter.Running daemon) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.httpAddress().getPort() + "/metrics");
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The series' value, 0 when the daemon does not export it (yet). */
  private double expiry(DaemonStarter.Running daemon, String series) throws Exception {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics(daemon));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
