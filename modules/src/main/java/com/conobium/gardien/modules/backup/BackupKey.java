package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The ed25519 SSH key a server logs in to the backup space with. Its 32-byte private seed is the
 * SHA-256 of a random secret kept in Gardien's secret store ({@link BackupModule#KEY_SECRET}), so
 * the key lives in the store like every other secret, is the same at every reconcile (the files
 * Gardien writes do not drift), and {@code gardien secrets rotate SERVER backup-ssh-key} gives a
 * new one. Rendering is deterministic: the OpenSSH private key's check number is derived from the
 * seed instead of drawn at random.
 *
 * <p>The private key is sensitive: {@link #toString()} shows only the public key.
 */
public final class BackupKey {
  private static final String TYPE = "ssh-ed25519";
  private static final String DOMAIN = "gardien backup ssh key v1\n";

  private final byte[] seed;
  private final byte[] publicKey;
  private final String comment;

  private BackupKey(byte[] seed, String comment) {
    this.seed = seed;
    this.publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    this.comment = comment;
  }

  /** The key of {@code server}, derived from its secret. */
  public static BackupKey of(Secret secret, String server) {
    return new BackupKey(sha256(DOMAIN + secret.reveal()), "gardien-backup@" + server);
  }

  /** The public key as one {@code authorized_keys} line (without line break). */
  public String publicKey() {
    return TYPE + " " + Base64.getEncoder().encodeToString(publicBlob()) + " " + comment;
  }

  /** The private key in OpenSSH's format, unencrypted, as {@code ssh-keygen} writes it. */
  String privateKeyFile() {
    Buffer pub = new Buffer();
    byte[] blob = publicBlob();
    byte[] check = sha256(Base64.getEncoder().encodeToString(seed));
    Buffer secret = new Buffer();
    secret.raw(check, 0, 4).raw(check, 0, 4); // the two equal check numbers
    secret.string(TYPE.getBytes(StandardCharsets.US_ASCII)).string(publicKey);
    byte[] both = new byte[64];
    System.arraycopy(seed, 0, both, 0, 32);
    System.arraycopy(publicKey, 0, both, 32, 32);
    secret.string(both).string(comment.getBytes(StandardCharsets.UTF_8));
    for (int pad = 1; secret.size() % 8 != 0; pad++) {
      secret.raw(new byte[] {(byte) pad}, 0, 1);
    }
    pub.raw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII), 0, 15)
        .string("none".getBytes(StandardCharsets.US_ASCII))
        .string("none".getBytes(StandardCharsets.US_ASCII))
        .string(new byte[0])
        .integer(1)
        .string(blob)
        .string(secret.bytes());
    String body = Base64.getEncoder().encodeToString(pub.bytes());
    StringBuilder text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for (int i = 0; i < body.length(); i += 70) {
      text.append(body, i, Math.min(body.length(), i + 70)).append('\n');
    }
    return text.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
  }

  private byte[] publicBlob() {
    return new Buffer().string(TYPE.getBytes(StandardCharsets.US_ASCII)).string(publicKey).bytes();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Shows the public key only. */
  @Override
  public String toString() {
    return "BackupKey[" + publicKey() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupKey k && java.util.Arrays.equals(k.seed, seed) && k.comment.equals(comment);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(publicKey);
  }

  /** SSH wire encoding: big-endian lengths before byte strings. */
  private static final class Buffer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Buffer integer(int value) {
      out.write(value >>> 24);
      out.write(value >>> 16);
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    Buffer string(byte[] value) {
      integer(value.length);
      out.writeBytes(value);
      return this;
    }

    Buffer raw(byte[] value, int offset, int length) {
      out.write(value, offset, length);
      return this;
    }

    int size() {
      return out.size();
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
