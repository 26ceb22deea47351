package com.conobium.gardien.reconciler.dashboard;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Operators' passwords, hashed with bcrypt (BouncyCastle's {@code OpenBSDBCrypt}, {@code $2y$},
 * cost 12): only the hash is stored; checking takes a quarter of a second on purpose.
 */
public final class Passwords {
  /** bcrypt reads 72 bytes at most: a longer password would be cut without a word. */
  static final int MAX_BYTES = 72;
  static final int MIN_LENGTH = 12;
  private static final int COST = 12;

  private final SecureRandom random;
  private final int cost;

  public Passwords() {
    this(new SecureRandom(), COST);
  }

  Passwords(SecureRandom random, int cost) {
    this.random = random;
    this.cost = cost;
  }

  /**
   * The hash to store for {@code password}.
   *
   * @throws IllegalArgumentException when it is shorter than 12 characters or longer than 72 bytes
   */
  public String hash(char[] password) {
    String problem = problem(password);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password, salt, cost);
  }

  /** Whether {@code password} is the one {@code hash} was made from; false for a malformed hash. */
  public boolean matches(String hash, char[] password) {
    try {
      return OpenBSDBCrypt.checkPassword(hash, password);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Why {@code password} cannot be used, or null when it can. */
  public static String problem(char[] password) {
    if (password.length < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters";
    }
    if (new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
      return "a password may have at most " + MAX_BYTES + " bytes (bcrypt reads no more)";
    }
    return null;
  }
}
