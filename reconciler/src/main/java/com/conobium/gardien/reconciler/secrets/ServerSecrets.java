package com.conobium.gardien.reconciler.secrets;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.SecretsView;

/** The secrets of one server in a store: what the engine hands its modules through the target. */
public record ServerSecrets(SecretStore store, String server) implements SecretsView {
  @Override
  public Secret secret(String name, int length, SecretOwner owner) {
    return store.getOrCreate(server, name, length, owner);
  }

  @Override
  public java.util.Optional<Secret> stored(String name, SecretOwner owner) {
    return store.get(server, name, owner);
  }
}
