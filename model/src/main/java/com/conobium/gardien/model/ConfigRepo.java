package com.conobium.gardien.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A validated config repository: the fleet settings and every server's effective manifest. */
public record ConfigRepo(Path root, FleetSpec fleet, List<Server> servers) {
  public ConfigRepo {
    servers = List.copyOf(servers);
  }

  /** The server with this name, if the repository has it. */
  public Optional<Server> server(String name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
