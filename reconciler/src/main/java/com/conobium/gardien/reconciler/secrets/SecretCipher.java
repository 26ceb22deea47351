package com.conobium.gardien.reconciler.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for one secrets file. Layout: the magic {@code GSS1}, a random 12-byte IV (new for
 * every write), then the ciphertext and its 16-byte tag. The server name is the additional
 * authenticated data, so a file copied to another server's name does not decrypt.
 */
final class SecretCipher {
  private static final byte[] MAGIC = "GSS1".getBytes(StandardCharsets.US_ASCII);
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random;

  SecretCipher(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new SecretStoreException("the secret key must be 32 bytes, it has " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
  }

  byte[] encrypt(String server, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, server);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(MAGIC.length + IV_BYTES + sealed.length)
          .put(MAGIC).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("cannot encrypt the secrets of " + server + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * @throws SecretStoreException when the file is not one of ours, the key is another one, or the
   *     file (or the server name it is bound to) was altered
   */
  byte[] decrypt(String server, byte[] file) {
    if (file.length < MAGIC.length + IV_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new SecretStoreException("the secrets file of " + server + " is not a Gardien secrets file");
    }
    byte[] iv = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + IV_BYTES);
    try {
      return cipher(Cipher.DECRYPT_MODE, iv, server).doFinal(file, MAGIC.length + IV_BYTES, file.length - MAGIC.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new SecretStoreException("cannot decrypt the secrets of " + server
          + ": the secret key is not the one they were written with, or the file was altered");
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("cannot decrypt the secrets of " + server + ": " + e.getClass().getSimpleName());
    }
  }

  private Cipher cipher(int mode, byte[] iv, String server) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(server.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
