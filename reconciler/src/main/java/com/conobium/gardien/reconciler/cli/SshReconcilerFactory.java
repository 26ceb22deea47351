package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.FactsCache;
import com.conobium.gardien.reconciler.engine.HostConnector;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.TransientRetry;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.reconciler.ssh.SshException;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import picocli.CommandLine.ParameterException;

/** Reconcilers that reach servers over SSH, as the connection settings say. */
final class SshReconcilerFactory implements ReconcilerFactory {
  private final ModuleGraph graph;

  @Inject
  SshReconcilerFactory(ModuleGraph graph) {
    this.graph = graph;
  }

  @Override
  public Session open(ConnectionSettings options) {
    if (!Files.isReadable(options.identity())) {
      throw new IllegalArgumentException("Gardien's SSH key " + options.identity()
          + " is missing: create it with ssh-keygen -t ed25519 -N '' -f " + options.identity()
          + " or pass --identity");
    }
    SshConnections connections = new SshConnections(options.identity(),
        new HostKeys(options.knownHosts(), options.acceptNewHostKeys()),
        Duration.ofSeconds(10), Duration.ofSeconds(20));
    HostConnector connector = new HostConnector() {
      @Override
      public com.conobium.gardien.reconciler.ssh.RemoteHost connect(Target target) throws SshException {
        return takeover(connections, target);
      }

      @Override
      public void confirmNewConnection(Target target) throws SshException {
        connections.confirmNewSession(endpoint(target), Duration.ofSeconds(20));
      }
    };
    Reconciler reconciler = new Reconciler(graph, connector, new FactsCache(Duration.ofMinutes(2)),
        new TransientRetry(3, Duration.ofSeconds(1), e -> e instanceof SshException s && s.isTransient()),
        Duration.ofMinutes(15), new SecureRandom(), options.rollbackAfter());
    return new Session() {
      @Override
      public Reconciler reconciler() {
        return reconciler;
      }

      @Override
      public com.conobium.gardien.reconciler.ssh.RemoteHost connect(Target target) throws SshException {
        return connector.connect(target);
      }

      @Override
      public java.util.List<String> controllerKeys() {
        return java.util.List.of(connections.publicKey());
      }

      @Override
      public void close() {
        connections.close();
      }
    };
  }

  /**
   * The managed connection; when it does not let Gardien in (yet), the bootstrap one: a freshly
   * installed server is reached as root on port 22 until the modules have created the admin user
   * and moved SSH. A host key that does not match is never a reason to try elsewhere.
   */
  static com.conobium.gardien.reconciler.ssh.RemoteHost takeover(SshConnections connections, Target target)
      throws SshException {
    String name = target.server().name();
    SshEndpoint managed = endpoint(target);
    try {
      return connections.open(name, managed);
    } catch (SshException.HostKeyRejected e) {
      throw e;
    } catch (SshException e) {
      SshEndpoint bootstrap = bootstrapEndpoint(target);
      if (bootstrap.equals(managed)) {
        throw e;
      }
      try {
        com.conobium.gardien.reconciler.ssh.RemoteHost host = connections.open(name, bootstrap);
        org.slf4j.LoggerFactory.getLogger(SshReconcilerFactory.class).info(
            "server={} reached through its bootstrap connection {} ({} did not let Gardien in: {})",
            name, bootstrap, managed, e.getMessage());
        return host;
      } catch (SshException.HostKeyRejected b) {
        throw b;
      } catch (SshException b) {
        throw new SshException.Unreachable("neither " + managed + " (" + e.getMessage()
            + ") nor the bootstrap connection " + bootstrap + " (" + b.getMessage() + ") let Gardien in", b);
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
