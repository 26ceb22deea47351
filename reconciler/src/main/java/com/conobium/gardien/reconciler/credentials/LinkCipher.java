package com.conobium.gardien.reconciler.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of a credential link, the same as the link page's WebCrypto code undoes: a random
 * 256-bit key per link (never stored; it travels base64url-encoded in the URL fragment), AES-256-GCM
 * with a random 12-byte IV, a 128-bit tag, and the link's id as additional authenticated data, so
 * a ciphertext moved to another id does not decrypt. Layout of the sealed bytes: the magic
 * {@code GCL1}, the IV, then the ciphertext and its tag.
 */
public final class LinkCipher {
  static final byte[] MAGIC = "GCL1".getBytes(StandardCharsets.US_ASCII);
  static final int KEY_BYTES = 32;
  static final int IV_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final Pattern KEY_TEXT = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final SecureRandom random;

  public LinkCipher(SecureRandom random) {
    this.random = random;
  }

  /** A new random key for one link. */
  public byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  /** The key as it appears in the URL fragment: base64url without padding (43 characters). */
  public static String encodeKey(byte[] key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  /** The key of a URL fragment. */
  public static byte[] decodeKey(String text) {
    if (text == null || !KEY_TEXT.matcher(text).matches()) {
      throw new CredentialLinkException("not a credential-link key");
    }
    return Base64.getUrlDecoder().decode(text);
  }

  /** Encrypts {@code plaintext} for the link {@code id}. */
  public byte[] seal(byte[] key, String id, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, iv, id).doFinal(plaintext);
      return ByteBuffer.allocate(MAGIC.length + IV_BYTES + sealed.length)
          .put(MAGIC).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new CredentialLinkException("cannot encrypt credential link " + id + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Decrypts what {@link #seal} made for {@code id}.
   *
   * @throws CredentialLinkException for another key, another id, or altered bytes
   */
  public byte[] open(byte[] key, String id, byte[] sealed) {
    if (sealed.length < MAGIC.length + IV_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(sealed, MAGIC.length), MAGIC)) {
      throw new CredentialLinkException("not a credential-link ciphertext");
    }
    byte[] iv = Arrays.copyOfRange(sealed, MAGIC.length, MAGIC.length + IV_BYTES);
    int offset = MAGIC.length + IV_BYTES;
    try {
      return cipher(Cipher.DECRYPT_MODE, key, iv, id).doFinal(sealed, offset, sealed.length - offset);
    } catch (AEADBadTagException e) {
      throw new CredentialLinkException("credential link " + id + " does not decrypt: another key, another link, or altered");
    } catch (GeneralSecurityException e) {
      throw new CredentialLinkException("cannot decrypt credential link " + id + ": " + e.getClass().getSimpleName());
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] iv, String id) throws GeneralSecurityException {
    if (key.length != KEY_BYTES) {
      throw new CredentialLinkException("a credential-link key has " + KEY_BYTES + " bytes, not " + key.length);
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
