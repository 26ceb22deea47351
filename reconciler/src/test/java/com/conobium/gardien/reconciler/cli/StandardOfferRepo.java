package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.testhosts.TestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A config repository of the standard offer for one web server, with its peers on the controller:
 * {@code examples/fleet}'s {@code standard-web} profile as shipped, a Fleet whose mail relay, time
 * server and ACME directory are the controller's, a backup space host, and the server with its
 * sites. What StockServerIT converges and what {@code ./demo} tours.
 *
 * @param examples the {@code examples/fleet} directory
 * @param smtpPort the local SMTP server's port on the controller's test address
 * @param space the backup space host (an SFTP login {@code spaceUser})
 * @param spaceUser the login on the space
 * @param acmeDirectory the ACME directory URL (a local Pebble)
 * @param domain the sites' parent domain, e.g. {@code gardien.test}
 */
record StandardOfferRepo(Path examples, int smtpPort, TestHost space, String spaceUser, String acmeDirectory,
    String domain) {

  /**
   * Writes the repository in {@code root} for {@code web}.
   *
   * @param connectionExtra a line under {@code connection:} (e.g. {@code hostKey: …}), or empty
   * @param sites the server's {@code sites:} entries, YAML indented as under {@code spec:}
   */
  void write(Path root, TestHost web, String connectionExtra, String sites) throws IOException {
    Files.createDirectories(root.resolve("profiles"));
    Files.createDirectories(root.resolve("servers"));
    Files.copy(examples.resolve("profiles/standard-web.yaml"), root.resolve("profiles/standard-web.yaml"));
    Files.writeString(root.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: standard}
        spec:
          notifications: [ops@%s]
          smtp: {host: %s, port: %d, from: gardien@%s, tls: none}
          backupSpace: {host: %s, user: %s, path: gardien, hostKey: '%s'}
          acme: {email: admin@%s, directory: '%s'}
          defaults:
            time: {servers: [%s]}
            prerequisites:          # a container has no partitions of its own nor swap
              separatePartitions: []
              swapEqualsRam: false
        """.formatted(domain, web.controllerAddress(), smtpPort, domain, space.address(), spaceUser,
            space.hostPublicKey(), domain, acmeDirectory, web.controllerAddress()));
    Files.writeString(root.resolve("servers/" + web.name() + ".yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: %s}
        spec:
          profile: standard-web
          connection:
            address: %s
            %s
          sites:
        %s""".formatted(web.name(), web.address(), connectionExtra, sites.indent(2)));
  }
}
