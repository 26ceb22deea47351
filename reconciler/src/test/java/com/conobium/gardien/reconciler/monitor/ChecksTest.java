package com.conobium.gardien.reconciler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
}
