package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options of the commands that reach servers: which repository, which servers, how to connect. */
final class FleetOptions {
  @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "REPO_DIR",
      description = "The config repository (default: the current directory).")
  Path repo;

  @Option(names = {"-s", "--server"}, paramLabel = "NAME",
      description = "Only this server (repeatable). Default: every server in the repository.")
  List<String> servers = new ArrayList<>();

  @Option(names = {"-i", "--identity"}, paramLabel = "KEY_FILE",
      description = "Gardien's SSH private key (OpenSSH ed25519). "
          + "Default: $GARDIEN_HOME/id_ed25519, GARDIEN_HOME defaulting to ~/.gardien.")
  Path identity;

  @Option(names = "--known-hosts", paramLabel = "FILE",
      description = "Pinned host keys. Default: known_hosts at the repository's root.")
  Path knownHosts;

  @Option(names = "--accept-new-host-key",
      description = "Record the host key of a server that has none pinned yet (first contact). "
          + "A changed key is always refused.")
  boolean acceptNewHostKeys;

  @Option(names = "--rollback-after", defaultValue = "90", paramLabel = "SECONDS",
      description = "After an SSH or firewall change, how long a server waits for Gardien to "
          + "come back through a new connection before it restores the previous configuration "
          + "by itself (default: ${DEFAULT-VALUE}).")
  int rollbackAfterSeconds;

  @Option(names = "--parallel", defaultValue = "8", paramLabel = "N",
      description = "How many servers are handled at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  /** How to connect, as these options say. */
  ConnectionSettings connection() {
    return new ConnectionSettings(identity, knownHosts(), acceptNewHostKeys,
        java.time.Duration.ofSeconds(rollbackAfterSeconds));
  }

  Path knownHosts() {
    return knownHosts != null ? knownHosts : repo.resolve("known_hosts");
  }
}
