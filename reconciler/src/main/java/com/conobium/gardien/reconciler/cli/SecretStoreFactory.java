package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.secrets.FileSealedStorage;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.state.DatabaseSealedStorage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The secret store of every command: its sealed data in the state database ({@code state}: the
 * embedded one in {@code $GARDIEN_HOME/state}, or {@code $GARDIEN_STATE_URL}'s for a shared
 * deployment). Secrets a server still has in the older files ({@code $GARDIEN_HOME/secrets}) are
 * read from there until their next change moves them in. Either way the key stays
 * {@code $GARDIEN_HOME/secret.key}.
 */
final class SecretStoreFactory {
  SecretStore create(Path home, StateAccess state) {
    return create(home, home.resolve("secret.key"), state);
  }

  /** @param keyFile the store's key: {@code $GARDIEN_SECRET_KEY}, else {@code $GARDIEN_HOME/secret.key} */
  SecretStore create(Path home, Path keyFile, StateAccess state) {
    Clock clock = Clock.systemUTC();
    FileSealedStorage files = new FileSealedStorage(home.resolve("secrets"));
    return new SecretStore(home, keyFile, new DatabaseSealedStorage(state::repository, state.where(), files, clock),
        new SecureRandom(), clock);
  }
}
