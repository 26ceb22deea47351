package com.conobium.gardien.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkServerTest {
  static final byte[] SEALED = {'G', 'C', 'L', '1', 9, 8, 7};

  @TempDir Path home;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
  final HttpClient http = HttpClient.newHttpClient();
  LinkStore store;
  LinkServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    store = new LinkStore(home.resolve("links"), new SecureRandom(), clock);
    server = new LinkServer(store);
    InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", 0));
    base = "http://127.0.0.1:" + bound.getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  String link(Duration ttl) {
    String id = store.newId();
    store.save(id, "web1", List.of("root-password"), ttl, SEALED);
    return id;
  }

  @Test
  void theBlobIsServedOnceThenGone() throws Exception {
    String id = link(Duration.ofHours(1));

    HttpResponse<byte[]> first = get("/c/" + id + "/blob");
    HttpResponse<byte[]> second = get("/c/" + id + "/blob");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo(SEALED);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(second.statusCode()).isEqualTo(410);
  }

  @Test
  void expiredIsGoneUnknownIsNotFound() throws Exception {
    String id = link(Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));

    assertThat(get("/c/" + id + "/blob").statusCode()).isEqualTo(410);
    assertThat(get("/c/" + store.newId() + "/blob").statusCode()).isEqualTo(404);
    assertThat(get("/c/..%2F..%2Fsecret.key/blob").statusCode()).isEqualTo(404);
    assertThat(get("/").statusCode()).isEqualTo(404);
  }

  @Test
  void thePageUsesNothingUpAndOnlyGetIsAllowed() throws Exception {
    String id = link(Duration.ofHours(1));

    HttpResponse<byte[]> page = get("/c/" + id);
    HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/c/" + id + "/blob"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/c/" + id + "/blob"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("Show the credentials");
    assertThat(head.statusCode()).isEqualTo(405);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(get("/c/" + id + "/blob").statusCode()).as("still there after page, HEAD and POST").isEqualTo(200);
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    String id = link(Duration.ofHours(1));
    for (HttpResponse<byte[]> r : List.of(get("/c/" + id), get("/c/" + id + "/blob"), get("/nothing"))) {
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
          .startsWith("default-src 'none'; script-src 'sha256-")
          .contains("connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'")
          .doesNotContain("unsafe-inline", "http:", "https:");
    }
  }

  @Test
  void theCspAllowsExactlyThePagesInlineScriptAndStyle() throws Exception {
    HttpResponse<byte[]> page = get("/c/" + store.newId());
    String html = new String(page.body(), StandardCharsets.UTF_8);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();

    assertThat(csp).contains("script-src " + sha256(html, "script") + ";")
        .contains("style-src " + sha256(html, "style") + ";");
    assertThat(html).doesNotContain("src=\"http", "href=\"http", "<link");
  }

  private static String sha256(String html, String tag) throws Exception {
    Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    assertThat(m.find()).as("one " + tag + " element").isFalse();
    m.reset().find();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
    return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
  }
}
