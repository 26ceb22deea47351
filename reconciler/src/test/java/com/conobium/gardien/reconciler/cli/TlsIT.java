package com.conobium.gardien.reconciler.cli;

import static com.conobium.gardien.reconciler.cli.ReconcileIT.changes;
import static com.conobium.gardien.reconciler.cli.ReconcileIT.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS on a real Debian 13 host with the web and sites modules, against Debian's Pebble on the
 * controller: apply sets the site up, orders its certificate over ACME HTTP-01 (the token served by
 * the site's own vhost on port 80),
 * deploys it, and HTTPS answers with it; a second apply orders nothing and changes nothing; a
 * provided certificate whose key does not match is refused with a failed check and never deployed,
 * while a matching one is deployed and served.
 */
@ExtendWith(DebianHostExtension.class)
class TlsIT {
  static final String DOMAIN = "shop.gardien.test";
  /** The standard web stack (web, sites modules) serves the site; no database here. */
  static final String SITE = """
      web: {enabled: true}
      sites:
        - name: shop
          domains: [%s]
          database: {enabled: false}
      """.formatted(DOMAIN);
  static final String PROVIDED = """
        - name: blog
          domains: [blog.gardien.test]
          database: {enabled: false}
          tls: {mode: provided, certificate: blog-cert, key: blog-key}
      """;

  @Test
  void ordersFromPebbleDeploysAndStaysConverged(TestHosts hosts) throws Exception {
    TestHost host = hosts.boot(HostOptions.defaults().withWebStack());
    Path work = Files.createTempDirectory("gardien-tls-it");
    try (Pebble pebble = Pebble.start(work, host.address())) {
      host.awaitStartup();
      TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host)
          .fleet("{acme: {email: admin@gardien.test, directory: '" + pebble.directory() + "'}}")
          .write(SITE);
      Files.createDirectories(repo.home);
      Files.writeString(repo.home.resolve("acme-ca.pem"), pebble.tlsCertificatePem());
      // a controller with its secret store (a plan without one compares no certificate)
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      Files.write(repo.home.resolve("secret.key"), key);
      Files.setPosixFilePermissions(repo.home.resolve("secret.key"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

      CliRun plan = repo.run("plan");
      assertThat(plan.exitCode()).as("drift plus a pending certificate is drift: " + plan).isEqualTo(ExitCode.DRIFT);
      assertThat(plan.stdout()).contains("no certificate issued yet; gardien apply orders a new one");

      CliRun apply = repo.run("apply");
      assertThat(apply.exitCode()).as(apply + "\n" + pebble.log()).isEqualTo(ExitCode.OK);
      // the sites module's placeholder pair comes first; the ordered certificate then replaces it
      assertThat(changes(apply)).contains("+ placeholder certificate of site shop", "~ certificate of site shop",
          "~ file /etc/gardien/tls/shop/fullchain.pem", "~ file /etc/gardien/tls/shop/privkey.pem", "~ service nginx");
      assertThat(apply.stdout()).doesNotContain("PRIVATE KEY");
      assertThat(host.check("stat -c '%a %U' /etc/gardien/tls/shop/fullchain.pem /etc/gardien/tls/shop/privkey.pem"))
          .isEqualTo("644 root\n600 root\n");
      assertThat(host.check("ls -A /var/www/gardien-acme-challenge")).as("tokens removed").isEmpty();
      String stored = CliRun.inHome(repo.home, "secrets", "list", host.name()).stdout();
      assertThat(stored).contains("tls/shop/fullchain", "tls/shop/privkey").doesNotContain("acme/account-key");
      assertThat(CliRun.inHome(repo.home, "secrets", "list", "--fleet").stdout()).as("one ACME account per fleet")
          .contains("acme/account-key");

      host.check("printf 'shop over https\\n' > /srv/www/shop/public/index.html"
          + " && chown shop: /srv/www/shop/public/index.html");
      Files.writeString(work.resolve("root.pem"), pebble.issuingRoot());
      assertThat(curl(host, work)).as("curl verifies the Pebble-issued certificate for " + DOMAIN)
          .isEqualTo("shop over https\n");

      CliRun second = repo.run("apply");
      assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
      assertThat(changes(second)).isEmpty();
      assertThat(modules(second)).doesNotContain("certificates");
      assertThat(CliRun.inHome(repo.home, "secrets", "list", host.name()).stdout()).as("nothing ordered again")
          .isEqualTo(stored);
      CliRun after = repo.run("plan");
      assertThat(after.exitCode()).as(after.toString()).isEqualTo(ExitCode.OK);
      assertThat(changes(after)).isEmpty();

      // a renewal on request: a new certificate replaces the deployed one, HTTPS keeps verifying
      CliRun renew = CliRun.inHome(repo.home, "certificates", "issue", repo.root.toString(), "--identity",
          host.rootKey().toString(), "--output=json", "--site", "shop");
      assertThat(renew.exitCode()).as(renew + "\n" + pebble.log()).isEqualTo(ExitCode.OK);
      assertThat(changes(renew)).contains("~ certificate of site shop", "~ file /etc/gardien/tls/shop/fullchain.pem",
          "~ file /etc/gardien/tls/shop/privkey.pem", "~ service nginx");
      assertThat(CliRun.inHome(repo.home, "secrets", "list", host.name()).stdout()).isNotEqualTo(stored);
      assertThat(curl(host, work)).isEqualTo("shop over https\n");
      assertThat(repo.run("plan").exitCode()).isEqualTo(ExitCode.OK);
      CliRun unknown = CliRun.inHome(repo.home, "certificates", "issue", repo.root.toString(), "--identity",
          host.rootKey().toString(), "--output=json", "--site", "nope");
      assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(unknown.stdout()).contains("no site nope with tls mode acme on this server");

      // a provided certificate whose key belongs to another certificate: refused, never deployed
      Files.writeString(work.resolve("blog-cert.pem"), certificate(ecKey(), "blog.gardien.test"));
      Files.writeString(work.resolve("blog-key.pem"), Pebble.pem(new JcaPKCS8Generator(ecKey().getPrivate(), null).generate()));
      assertThat(CliRun.inHome(repo.home, "secrets", "put", host.name(), "blog-cert", "--file",
          work.resolve("blog-cert.pem").toString()).exitCode()).isZero();
      assertThat(CliRun.inHome(repo.home, "secrets", "put", host.name(), "blog-key", "--file",
          work.resolve("blog-key.pem").toString()).exitCode()).isZero();
      repo.write(SITE + PROVIDED);
      CliRun refused = repo.run("apply");
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILED_CHECKS);
      assertThat(changes(refused)).as("the new site is set up, but no certificate file is written from its secrets")
          .contains("+ user blog").doesNotContain("+ file /etc/gardien/tls/blog/fullchain.pem",
              "+ file /etc/gardien/tls/blog/privkey.pem");
      assertThat(refused.stdout()).contains("certificate of site blog")
          .contains("provided secrets blog-cert and blog-key: the private key does not belong to the certificate");
      // the site serves the sites module's placeholder, never the refused pair
      assertThat(host.check("cat /etc/gardien/tls/blog/fullchain.pem"))
          .isNotEqualTo(Files.readString(work.resolve("blog-cert.pem")));

      // a matching provided pair: deployed, and blog's HTTPS answers with exactly that certificate
      KeyPair blogKey = ecKey();
      String blogCert = certificate(blogKey, "blog.gardien.test");
      Files.writeString(work.resolve("blog-cert.pem"), blogCert);
      Files.writeString(work.resolve("blog-key.pem"), Pebble.pem(new JcaPKCS8Generator(blogKey.getPrivate(), null).generate()));
      for (String name : new String[] {"blog-cert", "blog-key"}) {
        assertThat(CliRun.inHome(repo.home, "secrets", "put", host.name(), name, "--file",
            work.resolve(name + ".pem").toString()).exitCode()).isZero();
      }
      CliRun provided = repo.run("apply");
      assertThat(provided.exitCode()).as(provided.toString()).isEqualTo(ExitCode.OK);
      assertThat(changes(provided)).contains("~ file /etc/gardien/tls/blog/fullchain.pem",
          "~ file /etc/gardien/tls/blog/privkey.pem");
      assertThat(host.check("cat /etc/gardien/tls/blog/fullchain.pem").strip()).isEqualTo(blogCert.strip());
      // the verifying probe read the deployed certificate's expiry: the reading gardien run exports
      long blogNotAfter = ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(new java.io.ByteArrayInputStream(blogCert.getBytes(StandardCharsets.UTF_8))))
          .getNotAfter().toInstant().getEpochSecond();
      JsonNode tlsModule = null;
      for (JsonNode m : server(provided).get("modules")) {
        if (m.get("module").asText().equals("tls")) {
          tlsModule = m;
        }
      }
      assertThat(tlsModule).as(provided.toString()).isNotNull();
      assertThat(tlsModule.get("readings")).as(provided.toString())
          .filteredOn(r -> r.at("/labels/site").asText().equals("blog")).singleElement().satisfies(r -> {
            assertThat(r.get("name").asText()).isEqualTo("certificate_expiry_timestamp_seconds");
            assertThat(r.get("value").asLong()).isEqualTo(blogNotAfter);
          });
      Process blog = new ProcessBuilder("curl", "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}",
          "--resolve", "blog.gardien.test:443:" + host.address(), "--cacert", work.resolve("blog-cert.pem").toString(),
          "https://blog.gardien.test/").redirectErrorStream(true).start();
      String answer = new String(blog.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(blog.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(answer).as("curl verified blog's provided certificate: " + answer).matches("[0-9]{3}");
      CliRun quiet = repo.run("apply");
      assertThat(changes(quiet)).as(quiet.toString()).isEmpty();
    } finally {
      host.close();
    }
  }

  /** What {@code https://DOMAIN/} answers on the host, verified with Pebble's root; curl's error otherwise. */
  static String curl(TestHost host, Path work) throws Exception {
    Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "--resolve", DOMAIN + ":443:" + host.address(),
        "--cacert", work.resolve("root.pem").toString(), "https://" + DOMAIN + "/").redirectErrorStream(true).start();
    String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return answer;
  }

  private static java.util.List<String> modules(CliRun run) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (JsonNode m : server(run).get("modules")) {
      names.add(m.get("module").asText());
    }
    return names;
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  private static String certificate(KeyPair key, String domain) throws Exception {
    X500Name name = new X500Name("CN=" + domain);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(90))), name, key.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, domain)));
    return Pebble.pem(new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))));
  }
}
