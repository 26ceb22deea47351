package com.conobium.gardien.reconciler.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Debian's Pebble (Let's Encrypt's ACME test server) and its pebble-challtestsrv as fake DNS, run
 * on the controller for a test: every name resolves to the test host, whose port 80 Pebble's
 * validator asks for HTTP-01 tokens. Pebble's own HTTPS certificate is made here (Debian ships
 * none); Gardien trusts it through {@code $GARDIEN_HOME/acme-ca.pem}. Both processes are stopped
 * by their PIDs.
 */
final class Pebble implements AutoCloseable {
  private final Path dir;
  private final int acmePort;
  private final int managementPort;
  private final String tlsCertificatePem;
  private final SSLContext trust;
  private final List<Process> processes = new ArrayList<>();

  private Pebble(Path dir, int acmePort, int managementPort, String tlsCertificatePem, SSLContext trust) {
    this.dir = dir;
    this.acmePort = acmePort;
    this.managementPort = managementPort;
    this.tlsCertificatePem = tlsCertificatePem;
    this.trust = trust;
  }

  /** Starts Pebble resolving every name to {@code hostAddress}. */
  static Pebble start(Path dir, String hostAddress) throws Exception {
    return start(dir, hostAddress, Duration.ofDays(5 * 365 + 1));
  }

  /** Pebble issuing certificates valid for {@code validity} (its own default is five years). */
  static Pebble start(Path dir, String hostAddress, Duration validity) throws Exception {
    KeyPair key = ecKey();
    X509Certificate cert = selfSigned(key);
    String certPem = pem(cert);
    Files.writeString(dir.resolve("cert.pem"), certPem);
    Files.writeString(dir.resolve("key.pem"), pem(new JcaPKCS8Generator(key.getPrivate(), null).generate()));
    int acme = freePort();
    int management = freePort();
    int dns = freePort();
    int challMgmt = freePort();
    Files.writeString(dir.resolve("pebble-config.json"), """
        {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s", "privateKey": "%s", "httpPort": 80, "tlsPort": 443,
          "ocspResponderURL": "", "externalAccountBindingRequired": false, "certificateValidityPeriod": %d}}
        """.formatted(acme, management, dir.resolve("cert.pem"), dir.resolve("key.pem"), validity.toSeconds()));
    Pebble pebble = new Pebble(dir, acme, management, certPem, sslContext(cert));
    try {
      pebble.run(dir.resolve("challtestsrv.log"), List.of("pebble-challtestsrv", "-defaultIPv4", hostAddress,
          "-defaultIPv6", "", "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "",
          "-management", "127.0.0.1:" + challMgmt));
      pebble.run(dir.resolve("pebble.log"), List.of("pebble", "-config", dir.resolve("pebble-config.json").toString(),
          "-dnsserver", "127.0.0.1:" + dns));
      pebble.awaitDirectory();
      return pebble;
    } catch (Exception e) {
      pebble.close();
      throw e;
    }
  }

  /** The ACME directory URL. */
  String directory() {
    return "https://127.0.0.1:" + acmePort + "/dir";
  }

  /** Pebble's HTTPS certificate (self-signed), for Gardien's {@code acme-ca.pem}. */
  String tlsCertificatePem() {
    return tlsCertificatePem;
  }

  /** The root of the certificates Pebble issues (new at every start), PEM. */
  String issuingRoot() throws Exception {
    return get("https://127.0.0.1:" + managementPort + "/roots/0");
  }

  /** What Pebble logged, for failure messages. */
  String log() {
    try {
      return Files.readString(dir.resolve("pebble.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void run(Path log, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
    pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
    processes.add(pb.start());
  }

  private void awaitDirectory() throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("pebble exited: " + log());
        }
      }
      try {
        get(directory());
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("pebble did not answer at " + directory() + ": " + last + "\n" + log());
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** Stops both processes, by their PIDs (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
      try {
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair key) throws Exception {
    X500Name name = new X500Name("CN=Pebble test listener");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }

  private static SSLContext sslContext(X509Certificate cert) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("pebble", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }
}
