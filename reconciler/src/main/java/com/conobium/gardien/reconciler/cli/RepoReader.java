package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import java.nio.file.Path;

/** Reads and validates a config repository for a command. */
final class RepoReader {
  private final ConfigRepoLoader loader = new ConfigRepoLoader();

  ConfigRepo read(Path repo) throws InvalidConfigException {
    return loader.load(repo);
  }
}
