package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.global.OpenSshHostKeysHandler;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Gardien's SSH connections: one MINA client per process and one persistent session per server,
 * reused for every probe and change. The host key is checked against the pinned one during key
 * exchange, before authentication and before any command; authentication is by Gardien's ed25519
 * key only.
 */
public final class SshConnections implements AutoCloseable {
  private static final AttributeKey<SshEndpoint> ENDPOINT = new AttributeKey<>();

  private final SshClient client;
  private final KeyPair identity;
  private final HostKeys hostKeys;
  private final Duration connectTimeout;
  private final Duration authTimeout;
  private final Map<SshEndpoint, ClientSession> sessions = new ConcurrentHashMap<>();
  /** One lock per endpoint: a server that is slow to answer does not hold up the others. */
  private final Map<SshEndpoint, Object> connecting = new ConcurrentHashMap<>();
  /** Why a session's host key was refused; kept here, as a closing session drops its attributes. */
  private final Map<ClientSession, String> rejections = new ConcurrentHashMap<>();

  /**
   * @param identityFile Gardien's private key (OpenSSH format, unencrypted)
   * @param hostKeys where host keys are pinned
   * @param connectTimeout limit on opening the TCP connection
   * @param authTimeout limit on key exchange and authentication
   */
  public SshConnections(Path identityFile, HostKeys hostKeys, Duration connectTimeout, Duration authTimeout) {
    this.identity = loadIdentity(identityFile);
    this.hostKeys = hostKeys;
    this.connectTimeout = connectTimeout;
    this.authTimeout = authTimeout;
    this.client = SshClient.setUpDefaultClient();
    client.setKeyExchangeFactories(mlkemFirst(client.getKeyExchangeFactories()));
    client.setServerKeyVerifier(
        (session, remote, key) -> {
          SshEndpoint endpoint = session.getConnectionContext().getAttribute(ENDPOINT);
          Optional<String> rejection = hostKeys.reject(endpoint, key);
          rejection.ifPresent(r -> rejections.put(session, r));
          return rejection.isEmpty();
        });
    client.addSessionListener(new PinnedKeysFirst());
    client.setGlobalRequestHandlers(announcedKeysLearned(client.getGlobalRequestHandlers()));
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(15));
    // each command is a few small packets each way (channel open, exec, end of input, close): with
    // Nagle's algorithm one of them waited for the server's delayed acknowledgement, 40 ms a command
    CoreModuleProperties.TCP_NODELAY.set(client, true);
    client.start();
  }

  /**
   * Registers the security providers the SSH library uses (BouncyCastle's, when it is on the class
   * path), as its first connection would: about 150 ms in a cold JVM, which a command can spend on
   * another thread while it does something else.
   */
  public static void registerSecurityProviders() {
    org.apache.sshd.common.util.security.SecurityUtils.isBouncyCastleRegistered();
  }

  /** The key exchange OpenSSH 10 prefers. */
  static final String PREFERRED_KEX = "mlkem768x25519-sha256";

  /**
   * The key exchanges with ML-KEM768 + X25519 first, as OpenSSH 10 (Debian 13) orders them; MINA
   * puts sntrup761x25519 first, equally post-quantum but whose key generation costs a fresh JVM
   * 40 to 400 ms (BouncyCastle's pure-Java NTRU Prime) on every connection. An older server without
   * it negotiates the next one both sides know.
   */
  static <T extends org.apache.sshd.common.NamedResource> List<T> mlkemFirst(List<T> factories) {
    List<T> ordered = new ArrayList<>();
    factories.stream().filter(f -> f.getName().equals(PREFERRED_KEX)).forEach(ordered::add);
    factories.stream().filter(f -> !f.getName().equals(PREFERRED_KEX)).forEach(ordered::add);
    return ordered;
  }

  /**
   * Offers the host key algorithms of a server's pinned keys first, as OpenSSH does: the server
   * then presents a key that can be checked, whatever its own preference and whichever of its keys
   * Gardien happened to pin. Set when the session is created, before its first KEXINIT is sent.
   */
  private final class PinnedKeysFirst implements SessionListener {
    @Override
    public void sessionCreated(Session session) {
      SshEndpoint endpoint = endpointOf(session);
      if (endpoint == null) {
        return;
      }
      Set<String> preferred = new HashSet<>();
      for (String type : hostKeys.preferredKeyTypes(endpoint)) {
        preferred.addAll(KeyUtils.getAllEquivalentKeyTypes(type));
        preferred.add(type);
      }
      if (preferred.isEmpty()) {
        return;
      }
      List<NamedFactory<Signature>> all = session.getSignatureFactories();
      List<NamedFactory<Signature>> ordered = new ArrayList<>();
      all.stream().filter(f -> preferred.contains(f.getName())).forEach(ordered::add);
      all.stream().filter(f -> !preferred.contains(f.getName())).forEach(ordered::add);
      session.setSignatureFactories(ordered);
    }
  }

  /**
   * The client's global request handlers with OpenSSH's {@code hostkeys-00@openssh.com} announcement
   * (every host key of the server, sent after authentication over the verified session) handed to
   * {@link HostKeys#learn}, so that a server first met by its ECDSA key is known by its Ed25519 and
   * RSA keys too.
   */
  private List<RequestHandler<ConnectionService>> announcedKeysLearned(List<RequestHandler<ConnectionService>> defaults) {
    List<RequestHandler<ConnectionService>> handlers = new ArrayList<>();
    handlers.add(new OpenSshHostKeysHandler() {
      @Override
      protected RequestHandler.Result handleHostKeys(Session session, Collection<? extends PublicKey> keys,
          boolean wantReply, Buffer buffer) throws Exception {
        SshEndpoint endpoint = endpointOf(session);
        if (endpoint != null && session.isAuthenticated()) {
          hostKeys.learn(endpoint, keys);
        }
        return super.handleHostKeys(session, keys, wantReply, buffer);
      }
    });
    if (defaults != null) {
      defaults.stream().filter(h -> !(h instanceof OpenSshHostKeysHandler)).forEach(handlers::add);
    }
    return handlers;
  }

  /** The endpoint a client session was opened for, or null for any other session. */
  private static SshEndpoint endpointOf(Session session) {
    return session instanceof ClientSession c && c.getConnectionContext() != null
        ? c.getConnectionContext().getAttribute(ENDPOINT) : null;
  }

  private static KeyPair loadIdentity(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Iterator<KeyPair> keys =
          SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null)
              .iterator();
      if (!keys.hasNext()) {
        throw new IllegalArgumentException("no private key in " + file);
      }
      return keys.next();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read Gardien's SSH key " + file + ": " + e.getMessage(), e);
    }
  }

  /** Gardien's public key, as an OpenSSH {@code authorized_keys} line. */
  public String publicKey() {
    return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(identity.getPublic()) + " gardien";
  }

  /** The server at {@code endpoint}; connects on first use and reconnects when the session closed. */
  public RemoteHost host(String name, SshEndpoint endpoint) {
    return new SshHost(name, endpoint, pooled(endpoint), connectTimeout);
  }

  /**
   * The server at {@code endpoint}, connected now: a failure to reach it or log in is thrown here
   * rather than at the first command.
   */
  public RemoteHost open(String name, SshEndpoint endpoint) throws SshException {
    session(endpoint);
    return host(name, endpoint);
  }

  /** An open, authenticated session to {@code endpoint}: the existing one, or a new one. */
  ClientSession session(SshEndpoint endpoint) throws SshException {
    ClientSession existing = sessions.get(endpoint);
    if (existing != null && existing.isOpen() && existing.isAuthenticated()) {
      return existing;
    }
    synchronized (connecting.computeIfAbsent(endpoint, e -> new Object())) {
      existing = sessions.get(endpoint);
      if (existing != null && existing.isOpen() && existing.isAuthenticated()) {
        return existing;
      }
      ClientSession fresh = connect(endpoint);
      sessions.put(endpoint, fresh);
      return fresh;
    }
  }

  private ClientSession connect(SshEndpoint endpoint) throws SshException {
    ClientSession session;
    try {
      session = client.connect(endpoint.user(), endpoint.address(), endpoint.port(),
              AttributeRepository.ofKeyValuePair(ENDPOINT, endpoint), null)
          .verify(connectTimeout)
          .getSession();
    } catch (IOException e) {
      throw failure("cannot connect to " + endpoint, e);
    }
    try {
      session.addPublicKeyIdentity(identity);
      session.auth().verify(authTimeout);
      return session;
    } catch (IOException e) {
      String rejection = rejections.remove(session);
      closeQuietly(session);
      if (rejection != null) {
        throw new SshException.HostKeyRejected(rejection);
      }
      if (e instanceof org.apache.sshd.common.SshException && rootMessage(e).toLowerCase().contains("no more authentication methods")) {
        throw new SshException.AuthenticationFailed(
            endpoint + " refused Gardien's key: " + rootMessage(e), e);
      }
      throw failure("cannot log in to " + endpoint, e);
    }
  }

  /**
   * What a failed wait for the server means: an interrupt (Gardien is stopping; the thread's
   * interrupt flag is set again), a time limit that ran out with no answer, or another failure to
   * reach it.
   */
  static SshException failure(String what, IOException e) {
    boolean timedOut = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
        timedOut = true;
        break;
      }
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException) {
        Thread.currentThread().interrupt();
        return new SshException.Interrupted(what + ": interrupted, Gardien is stopping", e);
      }
    }
    return new SshException.Unreachable(what + ": " + rootMessage(e), e, timedOut);
  }

  /**
   * Proves {@code endpoint} lets Gardien in right now: a brand-new session (key exchange, host
   * key check, authentication) runs {@code true}, then closes. The pooled session is not used.
   */
  public void confirmNewSession(SshEndpoint endpoint, Duration timeout) throws SshException {
    ClientSession fresh = connect(endpoint);
    try {
      SessionSource once = new SessionSource() {
        @Override
        public ClientSession session() {
          return fresh;
        }

        @Override
        public void drop() {}
      };
      ExecResult result = new SshHost("a new session", endpoint, once, connectTimeout).exec("true", null, timeout);
      if (result.exitStatus() != 0) {
        throw new SshException.Unreachable(
            "a new session to " + endpoint + " could not run a command (exit status " + result.exitStatus() + ")", null);
      }
    } finally {
      closeQuietly(fresh);
    }
  }

  /** The pooled session to {@code endpoint}, as an {@link SshHost} uses it. */
  private SessionSource pooled(SshEndpoint endpoint) {
    return new SessionSource() {
      @Override
      public ClientSession session() throws SshException {
        return SshConnections.this.session(endpoint);
      }

      @Override
      public void drop() {
        SshConnections.this.drop(endpoint);
      }
    };
  }

  /** Closes every session to {@code address} (on any port, as any user): its server is watched elsewhere now. */
  public void forget(String address) {
    for (SshEndpoint endpoint : Set.copyOf(sessions.keySet())) {
      if (endpoint.address().equals(address)) {
        drop(endpoint);
      }
    }
  }

  /** Forgets the session to {@code endpoint}, e.g. after it dropped. */
  void drop(SshEndpoint endpoint) {
    ClientSession s = sessions.remove(endpoint);
    if (s != null) {
      closeQuietly(s);
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    if (t instanceof ConnectException || m == null) {
      return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
    return m;
  }

  private static void closeQuietly(ClientSession s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    sessions.values().forEach(SshConnections::closeQuietly);
    sessions.clear();
    client.stop();
  }
}
