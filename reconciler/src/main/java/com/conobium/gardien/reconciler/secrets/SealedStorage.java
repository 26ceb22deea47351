package com.conobium.gardien.reconciler.secrets;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the {@link SecretStore} keeps each server's sealed (encrypted) secrets: files in
 * {@code $GARDIEN_HOME/secrets} ({@link FileSealedStorage}), or the state database. It only ever
 * sees ciphertext; the key stays in {@code secret.key}.
 */
public interface SealedStorage {
  /** The sealed secrets of {@code server}; empty when it has none yet. */
  Optional<byte[]> read(String server) throws IOException;

  /** Replaces the sealed secrets of {@code server}, all at once. */
  void write(String server, byte[] sealed) throws IOException;

  /** Where the secrets of {@code server} are, for messages. */
  String where(String server);
}
