package com.conobium.gardien.reconciler.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * How the daemon reaches a config repository over SSH ({@code ssh://} or {@code user@host:path}):
 * JGit's Apache MINA SSHD transport, logging in with one private key and trusting only the host
 * keys pinned in one {@code known_hosts} file, both from the daemon's configuration. Nothing is read
 * from {@code ~/.ssh} (no config file, no agent, no other key).
 */
public final class GitSsh implements AutoCloseable {
  private final Path identity;
  private final PinnedHostKeys hostKeys;
  private final SshdSessionFactory factory;

  /**
   * @param identity the private key to log in with (OpenSSH format, no passphrase)
   * @param knownHosts the pinned host keys of the Git server
   * @param home a directory of the daemon's own, standing in for {@code ~} (nothing is written there)
   */
  public GitSsh(Path identity, Path knownHosts, Path home) {
    this.identity = identity;
    this.hostKeys = new PinnedHostKeys(knownHosts);
    this.factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(home.resolve(".ssh").toFile())
        .setConfigStoreFactory((homeDir, configFile, localUser) -> null)
        .setDefaultIdentities(sshDir -> List.of(identity))
        .setDefaultKnownHostsFiles(sshDir -> List.of(knownHosts))
        .setServerKeyDatabase((homeDir, sshDir) -> hostKeys)
        .setPreferredAuthentications("publickey")
        .build(null);
  }

  /** Makes {@code command} use this transport for SSH URLs. */
  void configure(TransportCommand<?, ?> command) throws GitSourceException {
    if (!Files.isReadable(identity)) {
      throw new GitSourceException("Gardien's SSH key for Git " + identity + " is missing or unreadable "
          + "(--git-identity); make one with: ssh-keygen -t ed25519 -N '' -f " + identity
          + " and authorise its .pub on the Git server", null);
    }
    command.setTransportConfigCallback(transport -> {
      if (transport instanceof SshTransport ssh) {
        ssh.setSshSessionFactory(factory);
      }
    });
  }

  /** Why the last connection's host key was refused, if it was. */
  Optional<String> takeRefusal() {
    return hostKeys.takeRefusal();
  }

  /** Whether {@code url} is reached over SSH: {@code ssh://}, {@code git+ssh://} or {@code user@host:path}. */
  public static boolean isSshUrl(String url) {
    if (url.startsWith("ssh://") || url.startsWith("git+ssh://") || url.startsWith("ssh+git://")) {
      return true;
    }
    return !url.contains("://") && url.matches("[^/@:]+@[^/:]+:.*");
  }

  @Override
  public void close() {
    factory.close();
  }
}
