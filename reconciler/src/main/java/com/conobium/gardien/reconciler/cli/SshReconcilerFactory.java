package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.FactsCache;
import com.conobium.gardien.reconciler.engine.HostConnector;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.TransientRetry;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.LastPorts;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.reconciler.ssh.SshException;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reconcilers that reach servers over SSH, as the connection settings say. */
final class SshReconcilerFactory implements ReconcilerFactory {
  private static final Logger log = LoggerFactory.getLogger(SshReconcilerFactory.class);

  private final ModuleGraph graph;
  private final DefaultIdentity defaultIdentity;
  private final LastPorts lastPorts;
  private final Timings timings;

  @Inject
  SshReconcilerFactory(ModuleGraph graph, DefaultIdentity defaultIdentity, LastPorts lastPorts, Timings timings) {
    this.graph = graph;
    this.defaultIdentity = defaultIdentity;
    this.lastPorts = lastPorts;
    this.timings = timings;
  }

  @Override
  public Session open(ConnectionSettings options) {
    Path identity = defaultIdentity.or(options.identity());
    if (!Files.isReadable(identity)) {
      throw new MissingKeyException(identity);
    }
    LastPorts lastPorts = options.readOnly() ? this.lastPorts.readOnly() : this.lastPorts;
    SshConnections connections = new SshConnections(identity,
        new HostKeys(options.knownHosts(), options.acceptNewHostKeys(), options.whereToPin()),
        Duration.ofSeconds(10), Duration.ofSeconds(20));
    HostConnector connector = new HostConnector() {
      @Override
      public RemoteHost connect(Target target) throws SshException {
        if (!timings.on()) {
          return takeover(connections, target, lastPorts);
        }
        long started = System.nanoTime();
        try {
          return new TimedHost(takeover(connections, target, lastPorts), timings);
        } finally {
          timings.add(target.server().name(), "ssh connect, key exchange, auth", System.nanoTime() - started);
        }
      }

      @Override
      public void release(Target target) {
        connections.forget(endpoint(target).address());
      }

      @Override
      public void confirmNewConnection(Target target) throws SshException {
        SshEndpoint managed = endpoint(target);
        connections.confirmNewSession(managed, Duration.ofSeconds(20));
        // a guarded change (sshd moved, the firewall reloaded) let Gardien in there
        lastPorts.record(target.server().name(), managed.port());
      }
    };
    Reconciler reconciler = new Reconciler(graph, connector, new FactsCache(Duration.ofMinutes(2)),
        // a server that answers nothing is reported after one wait, not three: it is on /metrics
        // within one connect timeout, and a quick refusal or a dropped session is still retried
        new TransientRetry(3, Duration.ofSeconds(1), e -> e instanceof SshException s && s.isTransient() && !s.timedOut()),
        Duration.ofMinutes(15), new SecureRandom(), options.rollbackAfter());
    return new Session() {
      @Override
      public Reconciler reconciler() {
        return reconciler;
      }

      @Override
      public RemoteHost connect(Target target) throws SshException {
        return connector.connect(target);
      }

      @Override
      public List<String> controllerKeys() {
        return List.of(connections.publicKey());
      }

      @Override
      public void close() {
        connections.close();
      }
    };
  }

  /**
   * The managed connection; when it does not let Gardien in, the same login on the port the
   * server was last reached on (the manifest moved {@code ssh.port}, and the move is what this run
   * applies); then the bootstrap one: a freshly installed server is reached as root on port 22
   * until the modules have created the admin user and moved SSH. A host key that does not match
   * is never a reason to try elsewhere.
   */
  static RemoteHost takeover(SshConnections connections, Target target, LastPorts lastPorts)
      throws SshException {
    String name = target.server().name();
    SshEndpoint managed = endpoint(target);
    try {
      RemoteHost host = connections.open(name, managed);
      lastPorts.record(name, managed.port());
      return host;
    } catch (SshException.HostKeyRejected | SshException.Interrupted e) {
      throw e;
    } catch (SshException e) {
      java.util.Optional<Integer> last = lastPorts.of(name).filter(p -> p != managed.port());
      if (last.isPresent()) {
        SshEndpoint previous = new SshEndpoint(managed.address(), last.get(), managed.user(), managed.pinnedKeys());
        try {
          RemoteHost host = connections.open(name, previous);
          log.info("server={} reached on the port it was last reached on, {} ({} did not let Gardien in: {})",
              name, previous, managed, e.getMessage());
          return host;
        } catch (SshException.HostKeyRejected | SshException.Interrupted p) {
          throw p;
        } catch (SshException p) {
          // neither: the bootstrap connection is the last try
        }
      }
      SshEndpoint bootstrap = bootstrapEndpoint(target);
      if (bootstrap.equals(managed)) {
        throw e;
      }
      try {
        RemoteHost host = connections.open(name, bootstrap);
        log.info(
            "server={} reached through its bootstrap connection {} ({} did not let Gardien in: {})",
            name, bootstrap, managed, e.getMessage());
        return host;
      } catch (SshException.HostKeyRejected | SshException.Interrupted b) {
        throw b;
      } catch (SshException b) {
        throw new SshException.Unreachable("neither " + managed + " (" + e.getMessage()
            + ") nor the bootstrap connection " + bootstrap + " (" + b.getMessage() + ") let Gardien in", b,
            e.timedOut() && b.timedOut());
      }
    }
  }

  static SshEndpoint bootstrapEndpoint(Target target) {
    ServerSpec spec = target.spec();
    return new SshEndpoint(spec.connection().address(), spec.connection().bootstrap().port(),
        spec.connection().bootstrap().user(), spec.connection().hostKey());
  }

  /**
   * Where a managed server is reached: {@code connection.user} (by default the admin user, whom
   * the accounts module lets Gardien's key in) on the managed port.
   */
  static SshEndpoint endpoint(Target target) {
    ServerSpec spec = target.spec();
    String user = spec.connection().user() != null ? spec.connection().user() : spec.accounts().admin().name();
    return new SshEndpoint(spec.connection().address(), spec.managedPort(), user, spec.connection().hostKey());
  }
}
