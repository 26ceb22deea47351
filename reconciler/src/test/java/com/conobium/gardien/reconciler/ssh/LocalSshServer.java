package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;

/**
 * A real SSH server on 127.0.0.1 (MINA's own), running each exec request with this machine's
 * {@code /bin/sh}: the peer for the transport's tests. Records the commands it ran and counts the
 * sessions opened.
 */
final class LocalSshServer implements AutoCloseable {
  final SshServer server;
  final KeyPair hostKey;
  final List<KeyPair> hostKeys;
  final List<String> commands = new CopyOnWriteArrayList<>();
  final AtomicInteger sessions = new AtomicInteger();

  LocalSshServer(PublicKey authorized) throws Exception {
    this(authorized, generate());
  }

  LocalSshServer(PublicKey authorized, KeyPair hostKey) throws Exception {
    this(authorized, List.of(hostKey), false);
  }

  /**
   * A server with several host keys, as a stock Debian server has; with {@code announceKeys} it
   * sends them all after authentication in OpenSSH's {@code hostkeys-00@openssh.com} request, as
   * OpenSSH's sshd does.
   */
  LocalSshServer(PublicKey authorized, List<KeyPair> hostKeys, boolean announceKeys) throws Exception {
    this.hostKey = hostKeys.get(0);
    this.hostKeys = List.copyOf(hostKeys);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKeys.toArray(KeyPair[]::new)));
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

      @Override
      public void sessionEvent(Session session, Event event) {
        if (announceKeys && event == Event.Authenticated) {
          // after the authentication's success reply has gone out, as sshd sends it
          java.util.concurrent.CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS)
              .execute(() -> announce(session));
        }
      }
    });
    server.start();
  }

  private void announce(Session session) {
    try {
      Buffer announcement = session.createBuffer(SshConstants.SSH_MSG_GLOBAL_REQUEST);
      announcement.putString("hostkeys-00@openssh.com");
      announcement.putBoolean(false);
      hostKeys.forEach(k -> announcement.putPublicKey(k.getPublic()));
      session.writePacket(announcement);
    } catch (IOException e) {
      // the session closed before the announcement: nothing to announce to
    }
  }

  static KeyPair generate() throws Exception {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  static KeyPair generateEcdsa() throws Exception {
    return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
  }

  static String line(KeyPair key) {
    return PublicKeyEntry.toString(key.getPublic());
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
