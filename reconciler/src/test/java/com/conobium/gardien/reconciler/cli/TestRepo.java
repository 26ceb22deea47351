package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.testhosts.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A config repository written for a test host: a Fleet, a Profile and one Server. */
final class TestRepo {
  final Path root;
  final TestHost host;
  private String fleetSpec = "{}";
  private String connectionUser = "root";
  /** Gardien's home for this repository's runs: beside it, never inside it. */
  final Path home;

  TestRepo(Path root, TestHost host) {
    this.root = root;
    this.host = host;
    this.home = root.resolveSibling(root.getFileName() + "-home");
  }

  /** Uses {@code yaml} (a flow mapping, or lines indented 2) as the Fleet's spec. */
  TestRepo fleet(String yaml) {
    this.fleetSpec = yaml;
    return this;
  }

  /**
   * Names {@code user} as the managed login ({@code connection.user}); {@code null} leaves it to
   * its default, the admin user. Tests log in as root unless they say otherwise.
   */
  TestRepo connectAs(String user) {
    this.connectionUser = user;
    return this;
  }

  /** Writes the repository with {@code serverSpec} (YAML lines under spec:, indented 2) for the host. */
  TestRepo write(String serverSpec) throws IOException {
    return write(serverSpec, host.hostPublicKey());
  }

  TestRepo write(String serverSpec, String pinnedHostKey) throws IOException {
    Files.createDirectories(root.resolve("servers"));
    Files.writeString(root.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: test}
        spec: %s
        """.formatted(fleetSpec));
    Files.writeString(root.resolve("profile.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: test}
        spec:
          ssh:
            permitRootLogin: true   # these tests log in as root
          alerts:
            rootLogin:
              enabled: false        # no mail relay here; AlertsIT turns it on with one
          web:
            enabled: false          # no web stack unless a test turns it on (WebIT)
          database:
            enabled: false
          backup:
            enabled: false          # no backup space here; BackupIT turns it on with one
          prerequisites:
            separatePartitions: []
            swapEqualsRam: false
        """);
    Files.writeString(root.resolve("servers/" + host.name() + ".yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: %s}
        spec:
          profile: test
          connection:
            address: %s
            hostKey: %s%s
        %s""".formatted(host.name(), host.address(), pinnedHostKey,
            connectionUser == null ? "" : "\n    user: " + connectionUser, serverSpec.indent(2)));
    return this;
  }

  /** Runs {@code gardien secrets SUBCOMMAND ARGS…} with this repository's home. */
  CliRun secrets(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "secrets";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.inHome(home, all);
  }

  /**
   * Runs {@code gardien backup SUBCOMMAND} for this repository's server with this repository's home,
   * Gardien's key and JSON output; {@code extra} goes after.
   */
  CliRun backup(String subcommand, String... extra) {
    String[] args = new String[8 + extra.length];
    args[0] = "backup";
    args[1] = subcommand;
    args[2] = host.name();
    args[3] = "--repo";
    args[4] = root.toString();
    args[5] = "--identity";
    args[6] = host.rootKey().toString();
    args[7] = "--output=json";
    System.arraycopy(extra, 0, args, 8, extra.length);
    return CliRun.inHome(home, args);
  }

  /** Runs {@code gardien maintain SERVER --repo REPO --identity KEY --output=json EXTRA…} with this repository's home. */
  CliRun maintain(String... extra) {
    String[] args = new String[8 + extra.length];
    args[0] = "maintain";
    args[1] = host.name();
    args[2] = "--repo";
    args[3] = root.toString();
    args[4] = "--identity";
    args[5] = host.rootKey().toString();
    args[6] = "--output=json";
    args[7] = "--known-hosts=" + root.resolve("known_hosts");
    System.arraycopy(extra, 0, args, 8, extra.length);
    return CliRun.inHome(home, args);
  }

  CliRun run(String command, String... extra) {
    return run(home, root, host, command, extra);
  }

  /**
   * Runs {@code gardien COMMAND REPO --identity KEY --output=json EXTRA…} with {@code home}, logging
   * in with the harness key of {@code host}.
   */
  static CliRun run(Path home, Path repo, TestHost host, String command, String... extra) {
    String[] args = new String[5 + extra.length];
    args[0] = command;
    args[1] = repo.toString();
    args[2] = "--identity";
    args[3] = host.rootKey().toString();
    args[4] = "--output=json";
    System.arraycopy(extra, 0, args, 5, extra.length);
    return CliRun.inHome(home, args);
  }
}
