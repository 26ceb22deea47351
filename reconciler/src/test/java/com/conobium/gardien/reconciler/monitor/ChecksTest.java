package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The checks against servers on loopback: what answers, what does not. */
class ChecksTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void sshAnswersWithABannerOrFails() throws Exception {
    try (ServerSocket sshd = new ServerSocket(0)) {
      Thread t = new Thread(() -> {
        try (Socket s = sshd.accept()) {
          s.getOutputStream().write("SSH-2.0-OpenSSH_10.0p2 Debian-7\r\n".getBytes(StandardCharsets.US_ASCII));
          s.getInputStream().read();
        } catch (Exception ignored) {
          // the check closed first
        }
      });
      t.start();
      assertThat(new SshBannerCheck("127.0.0.1", sshd.getLocalPort()).run(TIMEOUT).ok()).isTrue();
      t.join(5000);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Observation refused = new SshBannerCheck("127.0.0.1", closed).run(TIMEOUT);
    assertThat(refused.ok()).isFalse();
    assertThat(refused.error()).isEqualTo("port " + closed + ": connection refused");
  }

  @Test
  void aSiteIsAskedByItsNameAndIsUpBelowStatus500() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      String host = exchange.getRequestHeaders().getFirst("Host");
      int status = "shop.example".equals(host) ? 200 : "broken.example".equals(host) ? 502 : 404;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    http.start();
    try {
      int port = http.getAddress().getPort();
      assertThat(new SiteCheck("shop", "shop.example", "127.0.0.1", false, port).run(TIMEOUT).ok()).isTrue();
      assertThat(new SiteCheck("other", "other.example", "127.0.0.1", false, port).run(TIMEOUT).ok())
          .as("404 is an answer").isTrue();
      Observation broken = new SiteCheck("broken", "broken.example", "127.0.0.1", false, port).run(TIMEOUT);
      assertThat(broken.ok()).isFalse();
      assertThat(broken.error()).isEqualTo("broken.example: HTTP 502");
      assertThat(broken.check()).isEqualTo("site broken");
    } finally {
      http.stop(0);
    }
  }

  @Test
  void pingIsSentWhereThisProcessMayAndAnswersOnLoopback() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PingCheck.possible(), "no CAP_NET_RAW: no ICMP from here");
    Observation ping = new PingCheck("127.0.0.1").run(TIMEOUT);
    assertThat(ping.ok()).as(String.valueOf(ping.error())).isTrue();
    assertThat(ping.decides()).isFalse();
    // 198.18.255.254: the test range, where nothing answers
    Observation none = new PingCheck("198.18.255.254").run(Duration.ofMillis(300));
    assertThat(none.ok()).isFalse();
  }

  @Test
  void anAddedHttpCheckWantsItsStatusAndItsTextAndAnAddedTcpCheckAConnection() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/health", exchange -> {
      byte[] body = ("{\"status\": \"ok\", \"db\": \"réponse\"}" + "x".repeat(5000))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getQuery() == null ? 200 : 503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.start();
    try {
      int port = http.getAddress().getPort();
      assertThat(added("api", "/health", 200, "\"status\": \"ok\"", port).run(TIMEOUT).ok()).isTrue();
      assertThat(added("api", "/health", null, "réponse", port).run(TIMEOUT).ok()).as("UTF-8 text").isTrue();
      Observation text = added("api", "/health", 200, "\"status\": \"down\"", port).run(TIMEOUT);
      assertThat(text.ok()).isFalse();
      assertThat(text.error()).isEqualTo("http://shop.example/health: the answer does not contain \"\"status\": \"down\"\"");
      Observation status = added("api", "/health?deep=1", 200, null, port).run(TIMEOUT);
      assertThat(status.error()).isEqualTo("http://shop.example/health?deep=1: HTTP 503, not 200");
      assertThat(added("api", "/missing", 404, null, port).run(TIMEOUT).ok()).as("the status asked for").isTrue();
      assertThat(added("api", "/missing", null, null, port).run(TIMEOUT).ok()).as("404 is below 500").isTrue();

      assertThat(new TcpCheck("tcp " + port, "127.0.0.1", port).run(TIMEOUT).ok()).isTrue();
    } finally {
      http.stop(0);
    }
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Observation refused = new TcpCheck("db", "127.0.0.1", closed).run(TIMEOUT);
    assertThat(refused.error()).isEqualTo("port " + closed + ": connection refused");
    assertThat(refused.check()).isEqualTo("db");
  }

  private static SiteCheck added(String name, String path, Integer status, String contains, int port) {
    return new SiteCheck(name, "shop.example", "127.0.0.1", false, port, path, status, contains,
        SiteCheck.visitorTls());
  }

  @Test
  void anHttpsSiteGivesTheExpiryOfTheCertificateItServesAndFailsOnceItExpired() throws Exception {
    Instant notAfter = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
    HttpsServer valid = https(notAfter);
    HttpsServer expired = https(Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS));
    try {
      Observation up = new SiteCheck("shop", "shop.example", "127.0.0.1", true, valid.getAddress().getPort())
          .run(TIMEOUT);
      assertThat(up.ok()).as(String.valueOf(up.error())).isTrue();
      assertThat(up.certificateExpiry()).isEqualTo(notAfter);

      Observation old = new SiteCheck("shop", "shop.example", "127.0.0.1", true, expired.getAddress().getPort())
          .run(TIMEOUT);
      assertThat(old.ok()).isFalse();
      assertThat(old.error()).startsWith("https://shop.example: TLS certificate expired on ");
      assertThat(old.certificateExpiry()).isBefore(Instant.now());
    } finally {
      valid.stop(0);
      expired.stop(0);
    }
  }

  @Test
  void aSiteThatRefusesTls12IsAskedAgainWithTls13() throws Exception {
    HttpsServer modern = https(Instant.now().plus(Duration.ofDays(30)), new String[] {"TLSv1.3"});
    try {
      Observation up = new SiteCheck("shop", "shop.example", "127.0.0.1", true, modern.getAddress().getPort())
          .run(TIMEOUT);
      assertThat(up.ok()).as(String.valueOf(up.error())).isTrue();
      assertThat(up.certificateExpiry()).isNotNull();
    } finally {
      modern.stop(0);
    }
  }

  /**
   * The second round of a site's check resumes the TLS session of the first (no key exchange, no
   * signature to verify: most of the monitoring's CPU when it did not), as the server sees it: the
   * same session, created once.
   */
  @Test
  void theNextRoundResumesTheSitesTlsSession() throws Exception {
    SSLContext context = serverTls(Instant.now().plus(Duration.ofDays(30)));
    try (javax.net.ssl.SSLServerSocket server = (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
      java.util.List<Long> created = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread serving = new Thread(() -> {
        for (int i = 0; i < 3; i++) {
          try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) server.accept()) {
            s.startHandshake();
            created.add(s.getSession().getCreationTime());
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                java.nio.charset.StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
              // the request's headers
            }
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          } catch (java.io.IOException e) {
            created.add(-1L);
          }
        }
      });
      serving.start();
      javax.net.ssl.SSLSocketFactory tls = SiteCheck.visitorTls();
      for (int round = 0; round < 3; round++) {
        Observation o = new SiteCheck("site shop", "shop.example", "127.0.0.1", true, server.getLocalPort(), "/", null,
            null, tls).run(TIMEOUT);
        assertThat(o.ok()).as(String.valueOf(o.error())).isTrue();
      }
      serving.join(10_000);
      assertThat(created).hasSize(3).doesNotContain(-1L);
      assertThat(created.get(1)).as("round 2 resumed round 1's session").isEqualTo(created.get(0));
      assertThat(created.get(2)).as("round 3 too").isEqualTo(created.get(0));
    }
  }

  private static HttpsServer https(Instant notAfter) throws Exception {
    return https(notAfter, null);
  }

  /**
   * An HTTPS server on loopback answering 200, with a self-signed certificate valid until
   * {@code notAfter}, speaking only {@code protocols} when given.
   */
  private static HttpsServer https(Instant notAfter, String[] protocols) throws Exception {
    SSLContext context = serverTls(notAfter);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    return httpsOn(server, context, protocols);
  }

  /** A server's TLS with a self-signed P-256 certificate for shop.example valid until {@code notAfter}. */
  private static SSLContext serverTls(Instant notAfter) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = gen.generateKeyPair();
    X500Name name = new X500Name("CN=shop.example");
    X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
        name, BigInteger.ONE, Date.from(notAfter.minus(Duration.ofDays(90))), Date.from(notAfter), name,
        key.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("site", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private static HttpsServer httpsOn(HttpsServer server, SSLContext context, String[] protocols) {
    server.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(com.sun.net.httpserver.HttpsParameters params) {
        javax.net.ssl.SSLParameters parameters = context.getDefaultSSLParameters();
        if (protocols != null) {
          parameters.setProtocols(protocols);
        }
        params.setSSLParameters(parameters);
      }
    });
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return server;
  }
}
