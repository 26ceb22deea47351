package com.conobium.gardien.reconciler.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The key of the secret store: 32 random bytes in {@code $GARDIEN_HOME/secret.key}, mode 0600,
 * created on first use. It lives outside the config repository: whoever has the repository and
 * the encrypted files still needs this key.
 */
final class SecretKeyFile {
  static final int BYTES = 32;

  private SecretKeyFile() {}

  /** The key in {@code path}, created when missing. */
  static byte[] loadOrCreate(Path path, SecureRandom random) {
    try {
      PrivateFiles.directory(path.getParent());
      if (!Files.exists(path)) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        if (PrivateFiles.createOnce(path, key)) {
          return key;
        }
      }
      if (PrivateFiles.isShared(path)) {
        throw new SecretStoreException("refusing the secret key " + path
            + ": group or others may access it (chmod 600 " + path + ")");
      }
      byte[] key = Files.readAllBytes(path);
      if (key.length != BYTES) {
        throw new SecretStoreException("the secret key " + path + " must hold " + BYTES + " bytes, it holds " + key.length);
      }
      return key;
    } catch (IOException e) {
      throw new SecretStoreException("cannot read or create the secret key " + path + ": " + e, e);
    }
  }
}
