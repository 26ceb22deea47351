package com.conobium.gardien.modules.accounts;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Secret;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The shadow fields of the secrets this process met lately: a daemon re-checking a server every few
 * minutes would otherwise pay SHA-512 crypt's 5,000 rounds for the same two passwords each time
 * (most of a no-op plan's CPU on the controller). Keyed by the SHA-256 of the salt and the secret,
 * never by the secret; a rotated secret is a new key. Bounded, least recently used out first.
 */
final class ShadowPasswords {
  /** Two passwords a server, for 25,000 servers. */
  static final int MAX = 50_000;

  private final Cache<String, ShadowPassword> fields = CacheBuilder.newBuilder().maximumSize(MAX).build();

  /** The field for {@code secret}: computed once, then remembered. */
  ShadowPassword of(Secret secret) {
    String key = FileFacts.sha256Hex(secret.salt() + '\0' + secret.reveal());
    ShadowPassword field = fields.getIfPresent(key);
    if (field == null) {
      field = ShadowPassword.of(secret);
      fields.put(key, field);
    }
    return field;
  }
}
