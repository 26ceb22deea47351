package com.conobium.gardien.modules.tls;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tls probe found.
 *
 * @param nginxActive whether nginx runs (then a new certificate is followed by {@code nginx -t} and a reload)
 * @param sites the deployed certificate of each site the probe was asked about
 */
public record TlsFacts(boolean nginxActive, Map<String, DeployedCertificate> sites) {
  private static final DateTimeFormatter OPENSSL_DATE =
      DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy", Locale.ROOT);

  public TlsFacts {
    sites = Map.copyOf(sites);
  }

  /** The site's deployed certificate; {@link DeployedCertificate#absent()} when it has none. */
  public DeployedCertificate site(String name) {
    return sites.getOrDefault(name, DeployedCertificate.absent());
  }

  /** Parses the probe's JSON. */
  public static TlsFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.path("nginx").isBoolean() || !json.path("sites").isObject()) {
      throw new FactsException("tls probe: expected an object with nginx and sites, got " + json);
    }
    Map<String, DeployedCertificate> sites = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = json.get("sites").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode site = e.getValue();
      sites.put(e.getKey(), new DeployedCertificate(FileFacts.parse(site.get("fullchain")),
          FileFacts.parse(site.get("privkey")), notAfter(site.path("notAfter").asText(""))));
    }
    return new TlsFacts(json.get("nginx").booleanValue(), sites);
  }

  /** {@code notAfter=Nov  5 12:00:00 2026 GMT} as openssl prints it; null when absent or unreadable. */
  static Instant notAfter(String line) {
    String text = line.strip();
    if (!text.startsWith("notAfter=") || !text.endsWith(" GMT")) {
      return null;
    }
    String date = text.substring("notAfter=".length(), text.length() - 4).strip().replaceAll("\\s+", " ");
    try {
      return LocalDateTime.parse(date, OPENSSL_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
