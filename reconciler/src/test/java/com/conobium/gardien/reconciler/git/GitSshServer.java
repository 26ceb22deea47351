package com.conobium.gardien.reconciler.git;

import com.conobium.gardien.reconciler.ssh.ShellCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * A Git server over SSH on 127.0.0.1: MINA's SSH server letting in user {@code git} with one key and
 * running each exec request with this machine's shell, so a fetch talks to the real
 * {@code git-upload-pack}. Counts the commands it ran.
 */
public final class GitSshServer implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;
  private final AtomicInteger execs = new AtomicInteger();

  /** Starts a server that lets in the key whose public half is in {@code authorizedPubFile}. */
  public GitSshServer(Path authorizedPubFile) throws Exception {
    PublicKey authorized = PublicKeyEntry.parsePublicKeyEntry(Files.readString(authorizedPubFile).strip())
        .resolvePublicKey(null, null, null);
    hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> "git".equals(user) && KeyUtils.compareKeys(authorized, key));
    server.setCommandFactory((channel, command) -> {
      execs.incrementAndGet();
      return new ShellCommand(command);
    });
    server.start();
  }

  public int port() {
    return server.getPort();
  }

  public PublicKey hostKey() {
    return hostKey.getPublic();
  }

  /** Its {@code known_hosts} line. */
  public String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
  }

  /** The {@code ssh://} URL of a repository at {@code path} on this machine. */
  public String url(Path path) {
    return "ssh://git@127.0.0.1:" + port() + path.toAbsolutePath();
  }

  /** How many commands (git-upload-pack) it ran. */
  public int execs() {
    return execs.get();
  }

  @Override
  public void close() throws Exception {
    server.stop(true);
  }
}
