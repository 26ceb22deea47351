package com.conobium.gardien.reconciler.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A site answers on the server's address with its own name, as a browser asks for it: {@code GET /}
 * with the site's Host (and SNI over HTTPS), a status below 500. Trust is not judged here (a
 * placeholder or a private CA's certificate still serves the site): whether the site is up is; but
 * an expired certificate fails the check (every browser refuses it), and the expiry of the one
 * presented is recorded, so that a certificate deployed but not served shows.
 */
final class SiteCheck implements Check {
  /** What a site check's name starts with, before the site's name. */
  static final String PREFIX = "site ";

  private final String site;
  private final String domain;
  private final String address;
  private final boolean https;
  private final int port;

  SiteCheck(String site, String domain, String address, boolean https) {
    this(site, domain, address, https, https ? 443 : 80);
  }

  SiteCheck(String site, String domain, String address, boolean https, int port) {
    this.site = site;
    this.domain = domain;
    this.address = address;
    this.https = https;
    this.port = port;
  }

  @Override
  public String name() {
    return PREFIX + site;
  }

  @Override
  public Observation run(Duration timeout) {
    long start = System.nanoTime();
    try (Socket socket = https ? tls(timeout) : new Socket()) {
      if (!https) {
        socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      }
      Instant expiry = https ? expiry((SSLSocket) socket) : null;
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: " + domain + "\r\nUser-Agent: gardien-monitor\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
          .readLine();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return answer(status, took, expiry).withCertificateExpiry(expiry);
    } catch (IOException | RuntimeException e) {
      return Observation.failed(name(), Duration.ofNanos(System.nanoTime() - start),
          (https ? "https://" : "http://") + domain + ": " + Errors.describe(e));
    }
  }

  private Observation answer(String status, Duration took, Instant expiry) {
    if (status == null || !status.startsWith("HTTP/")) {
      return Observation.failed(name(), took, domain + ": no HTTP answer");
    }
    String[] parts = status.split(" ");
    int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    if (code <= 0 || code >= 500) {
      return Observation.failed(name(), took, domain + ": HTTP " + code);
    }
    if (expiry != null && expiry.isBefore(Instant.now())) {
      return Observation.failed(name(), took, "https://" + domain + ": TLS certificate expired on " + expiry
          + " (browsers refuse the site)");
    }
    return Observation.ok(name(), took);
  }

  /** When the certificate the server presented expires. */
  private static Instant expiry(SSLSocket socket) throws IOException {
    java.security.cert.Certificate[] chain = socket.getSession().getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new IOException("TLS: the server presented no certificate");
    }
    return leaf.getNotAfter().toInstant();
  }

  private Socket tls(Duration timeout) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyCertificate()}, null);
      Socket plain = new Socket();
      plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, domain, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(domain)));
      socket.setSSLParameters(parameters);
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      return socket;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("TLS: " + e.getMessage(), e);
    }
  }

  /** Availability, not trust: every certificate is accepted for the request. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
