package com.conobium.gardien.modules.accounts;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Secret;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * The password field Gardien writes to {@code /etc/shadow} for one secret: the SHA-512 crypt
 * ({@code $6$salt$hash}) of the secret with the salt stored beside it. The same secret always gives
 * the same field, so drift is found without reading any secret back: the probe prints the SHA-256
 * of the field the server has, and the plan compares it with the SHA-256 of this one. A rotated
 * secret, or a password changed by hand, both differ.
 *
 * <p>Sensitive (a crypt hash can be attacked offline): {@link #toString()} is masked, and it only
 * ever leaves the controller in the standard input of {@code chpasswd --encrypted}.
 */
final class ShadowPassword {
  private final String crypt;

  private ShadowPassword(String crypt) {
    this.crypt = crypt;
  }

  /** The field for {@code secret}. */
  static ShadowPassword of(Secret secret) {
    return new ShadowPassword(
        Sha2Crypt.sha512Crypt(secret.reveal().getBytes(StandardCharsets.UTF_8), "$6$" + secret.salt()));
  }

  /** The {@code $6$…} field, for {@code chpasswd --encrypted}'s standard input only. */
  String crypt() {
    return crypt;
  }

  /** Hex SHA-256 of the field, as the probe prints it for the server's field. */
  String digest() {
    return FileFacts.sha256Hex(crypt);
  }

  /** Whether the server's field, known by its digest (null when the user is absent), is this one. */
  boolean matches(String serverDigest) {
    return digest().equals(serverDigest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShadowPassword p && p.crypt.equals(crypt);
  }

  @Override
  public int hashCode() {
    return crypt.hashCode();
  }

  @Override
  public String toString() {
    return "ShadowPassword[****]";
  }
}
