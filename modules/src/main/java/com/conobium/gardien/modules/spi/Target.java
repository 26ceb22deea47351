package com.conobium.gardien.modules.spi;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import java.util.Objects;

/**
 * Everything a module may derive its desired state from: the server, its fleet, and its secrets.
 *
 * @param secrets the server's secrets, resolved by the engine from the secret store
 */
public record Target(Server server, FleetSpec fleet, SecretsView secrets) {
  public Target {
    Objects.requireNonNull(secrets, "secrets");
  }

  /** A target without secrets: a module that asks for one fails. */
  public Target(Server server, FleetSpec fleet) {
    this(server, fleet, SecretsView.NONE);
  }

  /** The server's effective spec. */
  public ServerSpec spec() {
    return server.spec();
  }
}
