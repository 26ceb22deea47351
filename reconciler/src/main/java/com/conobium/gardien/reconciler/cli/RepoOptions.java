package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the commands that read a config repository and reach its servers: where it is, how to connect. */
class RepoOptions {
  @Option(names = {"-r", "--repo"}, defaultValue = ".", paramLabel = "REPO_DIR",
      description = "The config repository (default: the current directory).")
  Path repo;

  @Option(names = {"-i", "--identity"}, paramLabel = "KEY_FILE",
      description = "Gardien's SSH private key. Default: $GARDIEN_HOME/id_ed25519.")
  Path identity;

  @Option(names = "--known-hosts", paramLabel = "FILE",
      description = "Pinned host keys. Default: known_hosts at the repository's root.")
  Path knownHosts;

  Path knownHosts() {
    return knownHosts != null ? knownHosts : repo.resolve("known_hosts");
  }
}
