package com.conobium.gardien.model.load;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import java.nio.file.Path;

/** Placeholder until the model branch lands. */
public final class ConfigRepoLoader {
  public ConfigRepo load(Path root) throws InvalidConfigException {
    throw new UnsupportedOperationException("not yet");
  }
}
