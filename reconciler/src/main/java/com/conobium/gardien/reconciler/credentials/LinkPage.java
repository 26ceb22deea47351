package com.conobium.gardien.reconciler.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page behind every link ({@code link.html}): the same static HTML for every link, whose inline
 * script reads the key from {@code location.hash}, fetches the ciphertext and decrypts it with
 * WebCrypto. Its Content-Security-Policy allows exactly its own inline script and style (by
 * SHA-256) and requests to its own origin: nothing external, no other script.
 */
final class LinkPage {
  private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

  private final byte[] html;
  private final String contentSecurityPolicy;

  private LinkPage(String html) {
    this.html = html.getBytes(StandardCharsets.UTF_8);
    this.contentSecurityPolicy = "default-src 'none'; script-src " + hash(SCRIPT, html)
        + "; style-src " + hash(STYLE, html)
        + "; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  /** The page shipped in Gardien's jar. */
  static LinkPage load() {
    try (InputStream in = LinkPage.class.getResourceAsStream("link.html")) {
      if (in == null) {
        throw new IllegalStateException("link.html is missing from Gardien's jar");
      }
      return new LinkPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] html() {
    return html.clone();
  }

  String contentSecurityPolicy() {
    return contentSecurityPolicy;
  }

  private static String hash(Pattern element, String html) {
    Matcher m = element.matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("link.html has no " + element.pattern());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
