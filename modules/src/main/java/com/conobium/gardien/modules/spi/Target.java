package com.conobium.gardien.modules.spi;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;

/** Everything a module may derive its desired state from: the server and its fleet. */
public record Target(Server server, FleetSpec fleet) {

  /** The server's effective spec. */
  public ServerSpec spec() {
    return server.spec();
  }
}
