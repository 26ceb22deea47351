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
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
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

  /** The most of an answer read to find the text a check expects. */
  static final int MAX_BODY = 64 * 1024;

  private final String name;
  private final String domain;
  private final String address;
  private final boolean https;
  private final int port;
  private final String path;
  private final Integer status;
  private final String contains;
  private final SSLSocketFactory tls;

  /** The built-in check of a site, its home page with any status below 500, on its own TLS. */
  SiteCheck(String site, String domain, String address, boolean https, int port) {
    this(PREFIX + site, domain, address, https, port, "/", null, null, visitorTls());
  }

  /**
   * A check of a site's path from the manifest ({@code monitoring.checks[].http}).
   *
   * @param status the status the answer must have; null: any below 500
   * @param contains a text the answer's first {@value #MAX_BODY} bytes must hold; null: none
   * @param tls the TLS of the monitoring ({@link #visitorTls()}), shared so that its sessions are
   *     resumed as a browser's are
   */
  SiteCheck(String name, String domain, String address, boolean https, int port, String path, Integer status,
      String contains, SSLSocketFactory tls) {
    this.tls = tls;
    this.name = name;
    this.domain = domain;
    this.address = address;
    this.https = https;
    this.port = port;
    this.path = path;
    this.status = status;
    this.contains = contains;
  }

  @Override
  public String name() {
    return name;
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
      // HTTP/1.0 when the body is read: never chunked, so an expected text is never cut by a chunk size
      out.write(("GET " + path + (contains == null ? " HTTP/1.1" : " HTTP/1.0") + "\r\nHost: " + domain
          + "\r\nUser-Agent: gardien-monitor\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      String statusLine = in.readLine();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Observation answer = answer(statusLine, took, expiry);
      // the body is read as bytes (ISO-8859-1); the text is looked for as its UTF-8 bytes
      if (answer.ok() && contains != null
          && !body(in).contains(new String(contains.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
        answer = Observation.failed(name(), took, url() + ": the answer does not contain \"" + contains + "\"");
      }
      return answer.withCertificateExpiry(expiry);
    } catch (IOException | RuntimeException e) {
      return Observation.failed(name(), Duration.ofNanos(System.nanoTime() - start),
          origin() + ": " + Errors.describe(e));
    }
  }

  /** {@code https://shop.example} (or http). */
  private String origin() {
    return (https ? "https://" : "http://") + domain;
  }

  private String url() {
    return origin() + path;
  }

  /** The body, up to {@value #MAX_BODY} characters, after the headers. */
  private static String body(BufferedReader in) throws IOException {
    String line;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      // a header
    }
    char[] buffer = new char[MAX_BODY];
    int total = 0;
    int n;
    while (total < MAX_BODY && (n = in.read(buffer, total, MAX_BODY - total)) > 0) {
      total += n;
    }
    return new String(buffer, 0, total);
  }

  private Observation answer(String statusLine, Duration took, Instant expiry) {
    if (statusLine == null || !statusLine.startsWith("HTTP/")) {
      return Observation.failed(name(), took, domain + ": no HTTP answer");
    }
    String[] parts = statusLine.split(" ");
    int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    if (status != null ? code != status : code <= 0 || code >= 500) {
      return Observation.failed(name(), took, (path.equals("/") ? domain : url()) + ": HTTP " + code
          + (status == null ? "" : ", not " + status));
    }
    if (expiry != null && expiry.isBefore(Instant.now())) {
      return Observation.failed(name(), took, origin() + ": TLS certificate expired on " + expiry
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

  /**
   * The monitoring's TLS: every certificate accepted for the request (availability, not trust: the
   * expiry is judged apart), one session cache for all checks, so that a site's session is resumed
   * from one round to the next as a returning browser's is — a full handshake (an ECDSA
   * verification and a key exchange) each round was most of the monitoring's CPU
   * ({@code bench/run-monitor}). A site whose certificate changes (nginx reloaded) gets a full
   * handshake again, sessions last at most a day.
   */
  static SSLSocketFactory visitorTls() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyCertificate()}, null);
      context.getClientSessionContext().setSessionTimeout((int) Duration.ofDays(1).toSeconds());
      return context.getSocketFactory();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this Java runtime", e);
    }
  }

  /**
   * A TLS connection to the site, TLS 1.2 first: its sessions are resumed by their ID with no key
   * exchange at all, where a resumed TLS 1.3 session still makes the client generate two key
   * shares (the JDK's P-256 and X25519, most of the monitoring's CPU in {@code bench/run-monitor}).
   * A site that refuses TLS 1.2 is asked again with TLS 1.3, so it is not reported down for it.
   */
  private Socket tls(Duration timeout) throws IOException {
    try {
      return handshake(timeout, TLS_1_2);
    } catch (SSLHandshakeException e) {
      return handshake(timeout, null);
    }
  }

  private static final String[] TLS_1_2 = {"TLSv1.2"};

  /** A handshake with {@code protocols} enabled, or the JDK's when null. */
  private SSLSocket handshake(Duration timeout, String[] protocols) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
    SSLSocket socket = (SSLSocket) tls.createSocket(plain, domain, port, true);
    try {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(domain)));
      if (protocols != null) {
        parameters.setProtocols(protocols);
      }
      socket.setSSLParameters(parameters);
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
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
