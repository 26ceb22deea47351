package com.conobium.gardien.reconciler.credentials;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes credential links: reads a server's secrets from the {@link SecretStore} — the customer's
 * only ({@link SecretOwner}), never Gardien's own — encrypts them under
 * a new random key ({@link LinkCipher}), stores only the ciphertext ({@link LinkStore}), and
 * returns the address {@code BASE/c/ID#KEY}. Older links of the server keep working until
 * {@link LinkStore#revoke revoked}: the command revokes them once the new link is delivered.
 */
public final class CredentialSharer {
  /** The longest a link may live. */
  public static final Duration MAX_TTL = Duration.ofDays(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretStore secrets;
  private final LinkStore links;
  private final LinkCipher cipher;

  public CredentialSharer(SecretStore secrets, LinkStore links, LinkCipher cipher) {
    this.secrets = secrets;
    this.links = links;
    this.cipher = cipher;
  }

  /**
   * A new link to the customer's secrets {@code names} of {@code server} (all the customer's when
   * empty).
   *
   * @param baseUrl where {@code gardien credentials serve} is reached, e.g. {@code https://gardien.example.com}
   * @throws CredentialLinkException when the server has no such secret, a name is Gardien's own, or
   *     the ttl is out of range
   */
  public SharedLink share(String server, List<String> names, Duration ttl, String baseUrl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new CredentialLinkException("a link lives between 1 second and " + MAX_TTL.toDays() + " days, not " + ttl);
    }
    String base = stripSlash(baseUrl);
    Map<String, Secret> stored = secrets.all(server);
    if (stored.isEmpty()) {
      throw new CredentialLinkException("server " + server
          + " has no secrets yet (they are generated at the first plan or apply)");
    }
    // a link carries the customer's secrets only: without names all of them, and a name of
    // Gardien's own is refused rather than handed out
    List<String> customers = stored.entrySet().stream()
        .filter(e -> e.getValue().owner() == SecretOwner.CUSTOMER).map(Map.Entry::getKey).toList();
    List<String> chosen = names.isEmpty() ? customers : List.copyOf(names);
    for (String name : chosen) {
      if (!stored.containsKey(name)) {
        throw new CredentialLinkException("server " + server + " has no secret named '" + name
            + "'; the customer's are: " + listed(customers));
      }
      if (stored.get(name).owner() != SecretOwner.CUSTOMER) {
        throw new CredentialLinkException("'" + name + "' is Gardien's own secret of " + server
            + ", never handed out; the customer's are: " + listed(customers));
      }
    }
    if (chosen.isEmpty()) {
      throw new CredentialLinkException("server " + server + " has no secret of the customer's yet"
          + " (a plan or apply records whose each secret is)");
    }
    String id = links.newId();
    byte[] key = cipher.newKey();
    byte[] plain = bundle(server, chosen, stored);
    try {
      CredentialLink link = links.save(id, server, chosen, ttl, cipher.seal(key, id, plain));
      String url = base + "/c/" + id + "#" + LinkCipher.encodeKey(key);
      return new SharedLink(link, url);
    } finally {
      Arrays.fill(plain, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /** A link shared, and the server's older unopened links that stopped working once it was delivered. */
  public record Delivered(SharedLink shared, List<CredentialLink> revoked) {}

  /**
   * Shares a new link (as {@link #share}), hands it to {@code deliver} (a mail; nothing when it is
   * printed), and only then revokes the server's older unopened links. When the delivery fails the
   * new link is removed and the older ones still work.
   *
   * @throws CredentialLinkException as {@link #share}, or when the delivery failed
   */
  public Delivered shareAndDeliver(String server, List<String> names, Duration ttl, String baseUrl,
      Consumer<SharedLink> deliver) {
    SharedLink shared = share(server, names, ttl, baseUrl);
    try {
      deliver.accept(shared);
    } catch (CredentialLinkException e) {
      links.remove(shared.link().id());
      throw new CredentialLinkException(e.getMessage() + "; the link was not kept, older links still work");
    }
    return new Delivered(shared, links.revoke(server, shared.link().id()));
  }

  /** The JSON the link page decrypts: {@code {v, server, credentials: [{name, value}]}}. */
  private static byte[] bundle(String server, List<String> names, Map<String, Secret> stored) {
    ObjectNode doc = JSON.createObjectNode().put("v", 1).put("server", server);
    ArrayNode list = doc.putArray("credentials");
    names.forEach(n -> list.addObject().put("name", n).put("value", stored.get(n).reveal()));
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new CredentialLinkException("cannot encode the credentials of " + server);
    }
  }

  private static String listed(List<String> names) {
    return names.isEmpty() ? "none yet" : String.join(", ", names);
  }

  private static String stripSlash(String baseUrl) {
    String base = baseUrl.strip();
    if (!base.startsWith("https://") && !base.startsWith("http://")) {
      throw new CredentialLinkException("the base URL must start with https:// (or http:// on loopback): " + base);
    }
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
