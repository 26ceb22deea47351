package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * The secret store of a Gardien home exactly as the {@code gardien} commands open it (the embedded
 * state database, the older files as fallback), for tests that seed secrets before a command or
 * read what a command wrote. Its database stays open until the test JVM ends.
 */
final class CommandSecrets {
  private CommandSecrets() {}

  static SecretStore of(Path home) {
    return new SecretStoreFactory().create(home, StateAccess.of(home, Map.of()));
  }
}
