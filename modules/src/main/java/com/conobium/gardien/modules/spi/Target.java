package com.conobium.gardien.modules.spi;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import java.util.List;
import java.util.Objects;

/**
 * Everything a module may derive its desired state from: the server, its fleet, its secrets, and
 * the public keys Gardien itself logs in with.
 *
 * @param secrets the server's secrets, resolved by the engine from the secret store
 * @param controllerKeys OpenSSH public keys of Gardien's own identity: the accounts module lets
 *     them log in as the admin user, which is how Gardien reaches a server once it is managed
 */
public record Target(Server server, FleetSpec fleet, SecretsView secrets, List<String> controllerKeys) {
  public Target {
    Objects.requireNonNull(secrets, "secrets");
    controllerKeys = List.copyOf(controllerKeys);
  }

  /** A target whose modules see {@code secrets} and no controller key. */
  public Target(Server server, FleetSpec fleet, SecretsView secrets) {
    this(server, fleet, secrets, List.of());
  }

  /** A target without secrets: a module that asks for one fails. */
  public Target(Server server, FleetSpec fleet) {
    this(server, fleet, SecretsView.NONE);
  }

  /** The same target seeing {@code other} secrets. */
  public Target withSecrets(SecretsView other) {
    return new Target(server, fleet, other, controllerKeys);
  }

  /** The server's effective spec. */
  public ServerSpec spec() {
    return server.spec();
  }
}
