package com.conobium.gardien.reconciler.secrets;

import java.security.SecureRandom;

/**
 * Random secrets and crypt salts from a {@link SecureRandom}. The secret alphabet leaves out what
 * people confuse ({@code I l 1 O 0}) and what shells, {@code chpasswd} or config files treat
 * specially (quotes, backslash, space, colon, {@code $}, backquote, {@code !}).
 */
public final class SecretGenerator {
  /** The characters of a generated secret: 63 of them, about 5.98 bits each. */
  public static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#%+-.=@^_";

  /** The characters crypt(3) allows in a salt. */
  public static final String SALT_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./";

  /** Length of a generated salt: the most SHA-512 crypt uses. */
  public static final int SALT_LENGTH = 16;

  private final SecureRandom random;

  public SecretGenerator(SecureRandom random) {
    this.random = random;
  }

  /** A new secret of {@code length} characters from {@link #ALPHABET}. */
  public String secret(int length) {
    if (length < 16 || length > 128) {
      throw new IllegalArgumentException("secret length must be 16 to 128, got " + length);
    }
    return draw(ALPHABET, length);
  }

  /** A new crypt salt. */
  public String salt() {
    return draw(SALT_ALPHABET, SALT_LENGTH);
  }

  private String draw(String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }
}
