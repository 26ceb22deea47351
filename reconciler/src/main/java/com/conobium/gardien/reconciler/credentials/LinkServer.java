package com.conobium.gardien.reconciler.credentials;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves credential links over HTTP (put TLS in front of it: a reverse proxy, or loopback only):
 *
 * <ul>
 *   <li>{@code GET /c/ID}: the static {@link LinkPage}, the same for every link; it consults no
 *       link, so opening it (or a mail scanner fetching it) uses nothing up;
 *   <li>{@code GET /c/ID/blob}: the link's ciphertext, once ({@link LinkStore#take}); then 410
 *       Gone, as for an expired link; 404 for no such link.
 * </ul>
 *
 * <p>Every answer carries a strict Content-Security-Policy, {@code Referrer-Policy: no-referrer}
 * and {@code Cache-Control: no-store}. Nothing is logged: the server never sees a key, and it does
 * not record which links are asked for. Expired links are purged every minute. A future daemon can
 * mount {@link #handle} in its own server.
 */
public final class LinkServer implements AutoCloseable {
  private static final Pattern PAGE = Pattern.compile("/c/([A-Za-z0-9_-]{22})");
  private static final Pattern BLOB = Pattern.compile("/c/([A-Za-z0-9_-]{22})/blob");
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final LinkStore store;
  private final LinkPage page = LinkPage.load();
  private HttpServer server;
  private ExecutorService workers;
  private ScheduledExecutorService purger;

  public LinkServer(LinkStore store) {
    this.store = store;
  }

  /** Starts listening on {@code address} (port 0: any free port); returns the bound address. */
  public synchronized InetSocketAddress start(InetSocketAddress address) throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    store.purge();
    server = HttpServer.create(address, 0);
    workers = Executors.newFixedThreadPool(4, daemon("gardien-links-http"));
    server.setExecutor(workers);
    server.createContext("/", this::handle);
    server.start();
    purger = Executors.newSingleThreadScheduledExecutor(daemon("gardien-links-purge"));
    purger.scheduleWithFixedDelay(this::purgeQuietly, PURGE_EVERY.toSeconds(), PURGE_EVERY.toSeconds(), TimeUnit.SECONDS);
    return server.getAddress();
  }

  /** Answers one request: the page, the ciphertext, or an error status with a short text. */
  public void handle(HttpExchange exchange) throws IOException {
    try {
      secure(exchange.getResponseHeaders());
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      if (!"GET".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET");
        text(exchange, 405, "Method not allowed");
        return;
      }
      Matcher blob = BLOB.matcher(path);
      if (blob.matches()) {
        blob(exchange, blob.group(1));
      } else if (PAGE.matcher(path).matches()) {
        send(exchange, 200, "text/html; charset=utf-8", page.html());
      } else {
        text(exchange, 404, "Not found");
      }
    } catch (RuntimeException e) {
      // no detail to the client, and no log line that could name a link
      if (exchange.getResponseCode() == -1) {
        text(exchange, 500, "Internal error");
      }
    } finally {
      exchange.close();
    }
  }

  private void blob(HttpExchange exchange, String id) throws IOException {
    LinkFetch fetch = store.take(id);
    if (fetch instanceof LinkFetch.Sealed sealed) {
      send(exchange, 200, "application/octet-stream", sealed.bytes());
    } else if (fetch instanceof LinkFetch.Gone) {
      text(exchange, 410, "This link was already viewed or has expired.");
    } else {
      text(exchange, 404, "No such link.");
    }
  }

  private void secure(Headers headers) {
    headers.set("Content-Security-Policy", page.contentSecurityPolicy());
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    headers.set("Pragma", "no-cache");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    headers.set("X-Robots-Tag", "noindex, nofollow");
  }

  private static void text(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void purgeQuietly() {
    try {
      store.purge();
    } catch (RuntimeException e) {
      // the next round tries again; a link past its time answers 410 in any case
    }
  }

  /** Stops listening, at once (its answers are small and quick). */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      workers.shutdownNow();
      purger.shutdownNow();
      server = null;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
