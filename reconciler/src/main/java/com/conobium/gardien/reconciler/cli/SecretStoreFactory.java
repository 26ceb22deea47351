package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.secrets.FileSealedStorage;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.state.DatabaseSealedStorage;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.conobium.gardien.reconciler.state.StateRepository;
import com.google.common.base.Suppliers;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The secret store of every command: its files in {@code $GARDIEN_HOME/secrets}, or, when
 * {@code $GARDIEN_STATE_URL} names a state database (a shared deployment), that database, opened on
 * the first secret read or written. Either way the key stays {@code $GARDIEN_HOME/secret.key}.
 */
final class SecretStoreFactory {
  SecretStore create(Path home, Map<String, String> env) {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    FileSealedStorage files = new FileSealedStorage(home.resolve("secrets"));
    String url = env.get(StateLocation.URL_ENV);
    if (url == null || url.isBlank()) {
      return new SecretStore(home, files, random, clock);
    }
    StateLocation location;
    try {
      location = StateLocation.resolve(url, home.resolve("daemon/state"), env);
    } catch (IllegalArgumentException e) {
      Supplier<StateRepository> refused = () -> {
        throw new StateException("$" + StateLocation.URL_ENV + ": " + e.getMessage(), e);
      };
      return new SecretStore(home, new DatabaseSealedStorage(refused, "$" + StateLocation.URL_ENV, files, clock),
          random, clock);
    }
    Supplier<StateRepository> repository = Suppliers.memoize(() -> StateDatabase.open(location).repository());
    return new SecretStore(home, new DatabaseSealedStorage(repository::get, location.toString(), files, clock),
        random, clock);
  }
}
