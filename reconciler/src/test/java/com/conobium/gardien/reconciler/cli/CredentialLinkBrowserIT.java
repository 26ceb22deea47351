package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.conobium.gardien.reconciler.HeadlessChromium;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential link opened as a customer would: the real {@code gardien credentials serve} on
 * 127.0.0.1, the link printed by {@code gardien credentials share}, and a real headless Chromium
 * that loads the page under its Content-Security-Policy, clicks "Show the credentials", decrypts
 * with WebCrypto and shows the passwords; a second visit finds the link used up.
 */
class CredentialLinkBrowserIT {
  @TempDir Path home;

  @Test
  void theLinkShowsThePasswordsOnceInARealBrowser() throws Exception {
    if (System.getenv("GARDIEN_REQUIRE_TESTHOSTS") == null) {
      assumeTrue(HeadlessChromium.available(), "no /usr/bin/chromium (scripts/install-test-deps installs it)");
    }
    SecretStore store = CommandSecrets.of(home);
    Secret root = store.getOrCreate("web1", "root-password", 30, SecretOwner.CUSTOMER);
    Secret admin = store.getOrCreate("web1", "admin-password", 30, SecretOwner.CUSTOMER);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AtomicReference<CliRun> served = new AtomicReference<>();
    Thread serve = new Thread(() -> served.set(CliRun.inHome(home, "credentials", "serve", "--listen", "127.0.0.1:" + port)));
    serve.start();
    try {
      awaitListening(port);
      CliRun share = CliRun.inHome(home, "credentials", "share", "web1", "--base-url", "http://127.0.0.1:" + port);
      assertThat(share.exitCode()).as(share.toString()).isZero();
      String url = share.stdout().strip();

      try (HeadlessChromium browser = HeadlessChromium.open(url)) {
        browser.waitFor("document.readyState === 'complete' && !document.getElementById('intro').hidden ? 'ready' : ''",
            "ready"::equals, Duration.ofSeconds(30));
        browser.eval("document.getElementById('reveal').click()");
        String shown = browser.waitFor(
            "document.getElementById('result').hidden ? document.getElementById('status').textContent : "
                + "'SHOWN ' + Array.from(document.querySelectorAll('code.value'), e => e.dataset.name + '=' + e.textContent).join(' ')",
            v -> v.startsWith("SHOWN") || v.contains("could not"), Duration.ofSeconds(30));
        assertThat(shown).isEqualTo("SHOWN admin-password=" + admin.reveal() + " root-password=" + root.reveal());
        assertThat(browser.eval("document.body.innerText")).contains("Server: web1").contains("Admin password");
        assertThat(browser.eval("location.hash")).as("the key leaves the address bar").isEmpty();
        browser.screenshot(Path.of("target", "credential-link-shown.png"));
      }

      try (HeadlessChromium again = HeadlessChromium.open(url)) {
        again.waitFor("document.readyState === 'complete' && !document.getElementById('intro').hidden ? 'ready' : ''",
            "ready"::equals, Duration.ofSeconds(30));
        again.eval("document.getElementById('reveal').click()");
        String status = again.waitFor("document.getElementById('status').textContent",
            v -> v.contains("already viewed") || v.contains("not valid") || v.contains("could not"), Duration.ofSeconds(30));
        assertThat(status).contains("This link was already viewed or has expired");
        assertThat(again.eval("document.body.innerText")).doesNotContain(root.reveal()).doesNotContain(admin.reveal());
        again.screenshot(Path.of("target", "credential-link-gone.png"));
      }
      assertThat(Files.readString(home.resolve("links").resolve(url.replaceAll(".*/c/(.{22})#.*", "$1") + ".json")))
          .doesNotContain(root.reveal()).contains("\"ciphertext\":null");
    } finally {
      serve.interrupt();
      serve.join(10_000);
    }
    assertThat(served.get()).isNotNull();
    assertThat(served.get().exitCode()).as(served.get().toString()).isZero();
    assertThat(served.get().stdout()).contains("serving credential links on http://127.0.0.1:" + port);
  }

  private static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("gardien credentials serve did not listen on " + port);
  }
}
