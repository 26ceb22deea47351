package com.conobium.gardien.reconciler.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP endpoints: {@code GET /metrics} (Prometheus text format), {@code GET /healthz}
 * (200 while the loop runs), {@code GET /status} (each server's last run, JSON) and
 * {@code POST /webhook} (fetch the config repository now; when a token is configured, the request
 * must carry it as {@code Authorization: Bearer TOKEN} or {@code X-Gardien-Token: TOKEN}).
 */
public final class DaemonHttp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DaemonHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "gardien-http");
    t.setDaemon(true);
    return t;
  });
  private final Daemon daemon;
  private final DaemonMetrics metrics;
  private final byte[] token;

  /**
   * @param webhookToken the token {@code /webhook} requires; null or empty for none
   */
  public DaemonHttp(InetSocketAddress address, Daemon daemon, DaemonMetrics metrics, String webhookToken)
      throws IOException {
    this.daemon = daemon;
    this.metrics = metrics;
    this.token = webhookToken == null || webhookToken.isEmpty() ? null
        : webhookToken.getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(address, 16);
    server.createContext("/metrics", this::metrics);
    server.createContext("/healthz", this::health);
    server.createContext("/status", this::status);
    server.createContext("/webhook", this::webhook);
    server.setExecutor(executor);
  }

  public void start() {
    server.start();
    log.info("listening on http://{}:{} (/metrics, /healthz, /status, /webhook)",
        server.getAddress().getHostString(), server.getAddress().getPort());
  }

  /** The address actually bound (port 0 picks a free one). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void metrics(HttpExchange x) throws IOException {
    if (!method(x, "GET")) {
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    metrics.write(body);
    send(x, 200, metrics.contentType(), body.toByteArray());
  }

  private void health(HttpExchange x) throws IOException {
    if (!method(x, "GET")) {
      return;
    }
    ObjectNode doc = JSON.createObjectNode();
    boolean alive = daemon.alive();
    doc.put("status", alive ? "ok" : "stopping");
    doc.put("revision", daemon.inForce().map(g -> g.revision().id()).orElse(null));
    doc.put("lastFetch", daemon.lastFetch() == null ? null : daemon.lastFetch().toString());
    doc.put("lastFetchError", daemon.lastFetchError());
    send(x, alive ? 200 : 503, "application/json", JSON.writeValueAsBytes(doc));
  }

  private void status(HttpExchange x) throws IOException {
    if (!method(x, "GET")) {
      return;
    }
    ObjectNode doc = JSON.createObjectNode();
    doc.put("revision", daemon.inForce().map(g -> g.revision().id()).orElse(null));
    doc.put("replica", daemon.ownership().replica().orElse(null));
    ObjectNode servers = doc.putObject("servers");
    daemon.status().forEach((name, s) -> servers.putObject(name)
        .put("owned", daemon.ownership().owns(name))
        .put("mode", s.mode())
        .put("lastResult", s.lastResult())
        .put("lastRun", s.lastRun() == null ? null : s.lastRun().toString())
        .put("lastSuccess", s.lastSuccess() == null ? null : s.lastSuccess().toString())
        .put("running", s.running()));
    send(x, 200, "application/json", JSON.writeValueAsBytes(doc));
  }

  private void webhook(HttpExchange x) throws IOException {
    if (!method(x, "POST")) {
      return;
    }
    x.getRequestBody().readAllBytes();
    if (token != null && !authorised(x)) {
      send(x, 401, "text/plain", "missing or wrong token\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    daemon.requestFetch();
    send(x, 202, "text/plain", "fetch requested\n".getBytes(StandardCharsets.UTF_8));
  }

  private boolean authorised(HttpExchange x) {
    String given = x.getRequestHeaders().getFirst("X-Gardien-Token");
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (given == null && auth != null && auth.startsWith("Bearer ")) {
      given = auth.substring("Bearer ".length()).trim();
    }
    return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean method(HttpExchange x, String allowed) throws IOException {
    if (x.getRequestMethod().equals(allowed)) {
      return true;
    }
    x.getResponseHeaders().add("Allow", allowed);
    send(x, 405, "text/plain", ("use " + allowed + "\n").getBytes(StandardCharsets.UTF_8));
    return false;
  }

  private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
