package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.SecretsView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;

/**
 * What modules see when a plan is made without the secret store: for each name a stand-in value
 * of the requested length, one set per {@code variant}, never stored. Two variants differ in every
 * value, so a change planned differently under each depends on a secret ({@link SecretBlindPlan}).
 * Stored secrets (certificates) are absent, and {@link #known()} is false.
 */
final class StandInSecrets implements SecretsView {
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final String SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";

  private final int variant;

  StandInSecrets(int variant) {
    this.variant = variant;
  }

  @Override
  public Secret secret(String name, int length, SecretOwner owner) {
    byte[] seed = digest("gardien stand-in " + variant + " " + name);
    StringBuilder value = new StringBuilder();
    for (int i = 0; value.length() < length; i++) {
      value.append(ALPHABET.charAt(Byte.toUnsignedInt(seed[i % seed.length]) * (i + 1) % ALPHABET.length()));
    }
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      salt.append(SALT_ALPHABET.charAt(Byte.toUnsignedInt(seed[(i + 7) % seed.length]) % SALT_ALPHABET.length()));
    }
    return new Secret(value.toString(), salt.toString(), Instant.EPOCH, owner);
  }

  @Override
  public Optional<Secret> stored(String name, SecretOwner owner) {
    return Optional.empty();
  }

  @Override
  public boolean known() {
    return false;
  }

  @Override
  public String toString() {
    return "StandInSecrets[" + variant + "]";
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
