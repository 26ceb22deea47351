package com.conobium.gardien.reconciler.credentials;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What Gardien knows about one credential link: never the credentials, never the key. The key
 * lives only in the link's URL fragment, which the customer's browser keeps to itself.
 *
 * @param id the random identifier in the link's path ({@code /c/ID}), 22 base64url characters
 * @param server the server whose credentials the link carries
 * @param names the names of the secrets in it, e.g. {@code root-password}
 * @param created when the link was made
 * @param expires after this instant the link answers 410 Gone and is purged
 * @param viewed when the ciphertext was handed out (the link then answers 410 Gone); null before
 */
public record CredentialLink(
    String id, String server, List<String> names, Instant created, Instant expires, Instant viewed) {
  public CredentialLink {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(server, "server");
    names = List.copyOf(names);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
  }

  /** Whether the link's time is up at {@code now}. */
  public boolean expired(Instant now) {
    return !now.isBefore(expires);
  }

  /** Whether the link still hands out its ciphertext at {@code now}: not viewed, not expired. */
  public boolean active(Instant now) {
    return viewed == null && !expired(now);
  }

  /** This link once its ciphertext has been handed out at {@code when}. */
  public CredentialLink viewedAt(Instant when) {
    return new CredentialLink(id, server, names, created, expires, when);
  }
}
