package com.conobium.gardien.reconciler.state;

import com.conobium.gardien.reconciler.secrets.SealedStorage;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The secret store's sealed blobs in the state database (table {@code server_secrets}), for a
 * shared deployment where several controllers must see the same secrets. Only ciphertext is
 * stored; the key stays the file {@code $GARDIEN_HOME/secret.key}, which every controller needs a
 * copy of. A server whose secrets are not in the database yet is read from {@code previous} (the
 * file store), and written to the database at its next change: existing secrets move over as
 * they are used.
 */
public final class DatabaseSealedStorage implements SealedStorage {
  private final Supplier<StateRepository> repository;
  private final SealedStorage previous;
  private final Clock clock;
  private final String where;

  /**
   * @param repository the state database, opened on first use
   * @param where how the database is named in messages (never with its password)
   * @param previous where secrets were kept before, read while the database has none for a server
   */
  public DatabaseSealedStorage(Supplier<StateRepository> repository, String where, SealedStorage previous,
      Clock clock) {
    this.repository = repository;
    this.where = where;
    this.previous = previous;
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> read(String server) throws IOException {
    Optional<byte[]> stored;
    try {
      stored = repository.get().sealedSecrets(server);
    } catch (StateException e) {
      throw new IOException(e.getMessage(), e);
    }
    return stored.isPresent() ? stored : previous.read(server);
  }

  @Override
  public void write(String server, byte[] sealed) throws IOException {
    try {
      repository.get().saveSealedSecrets(server, sealed, clock.instant());
    } catch (StateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String where(String server) {
    return "the secrets of " + server + " in the state database " + where;
  }
}
