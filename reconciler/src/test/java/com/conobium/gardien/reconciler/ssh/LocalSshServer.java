package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;

/**
 * A real SSH server on 127.0.0.1 (MINA's own), running each exec request with this machine's
 * {@code /bin/sh}: the peer for the transport's tests. Records the commands it ran and counts the
 * sessions opened.
 */
final class LocalSshServer implements AutoCloseable {
  final SshServer server;
  final KeyPair hostKey;
  final List<String> commands = new CopyOnWriteArrayList<>();
  final AtomicInteger sessions = new AtomicInteger();

  LocalSshServer(PublicKey authorized) throws Exception {
    this(authorized, generate());
  }

  LocalSshServer(PublicKey authorized, KeyPair hostKey) throws Exception {
    this.hostKey = hostKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(authorized, key));
    server.setCommandFactory((channel, command) -> {
      commands.add(command);
      return new ShellCommand(command);
    });
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        sessions.incrementAndGet();
      }
    });
    server.start();
  }

  static KeyPair generate() throws Exception {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  int port() {
    return server.getPort();
  }

  String hostKeyLine() {
    return PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** Drops every open session, as a crashed or restarted server would. */
  void dropSessions() throws IOException {
    for (var s : server.getActiveSessions()) {
      s.close(true);
    }
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  static Path writeClientKey(Path dir) throws Exception {
    Path key = dir.resolve("id_ed25519");
    Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .redirectErrorStream(true).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(new String(p.getInputStream().readAllBytes()));
    }
    return key;
  }
}
