package com.conobium.gardien.modules.database;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The {@code mysql_native_password} hash MariaDB keeps for one secret: {@code *} and the upper-case
 * hex SHA-1 of the SHA-1 of the password, which is what {@code PASSWORD('…')} gives. It is computed
 * on the controller and set with {@code IDENTIFIED BY PASSWORD '*…'}, so the password itself never
 * leaves the controller. Drift is found without reading it back: the probe prints only the SHA-256
 * of the hash the server has, which the plan compares with the SHA-256 of this one.
 *
 * <p>Sensitive (unsalted, so attackable offline): {@link #toString()} is masked, and it only ever
 * travels in a step's standard input.
 */
final class NativePassword {
  static final String PLUGIN = "mysql_native_password";

  private final String hash;

  private NativePassword(String hash) {
    this.hash = hash;
  }

  static NativePassword of(Secret secret) {
    byte[] once = DigestUtils.sha1(secret.reveal().getBytes(StandardCharsets.UTF_8));
    return new NativePassword("*" + HexFormat.of().withUpperCase().formatHex(DigestUtils.sha1(once)));
  }

  /** The {@code *…} hash, for SQL fed on standard input only. */
  String hash() {
    return hash;
  }

  /** Whether the server's hash, known by its SHA-256, is this one. */
  boolean matches(String serverDigest) {
    return FileFacts.sha256Hex(hash).equals(serverDigest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NativePassword p && p.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "NativePassword[****]";
  }
}
