package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.engine.ReplayHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Thousands of simulated servers behind one SSH server of this process (the fleet benchmark): it
 * listens on every address of this machine, so each simulated server is a loopback address of its
 * own (127.x.y.z, one connection each), logs in only the given key, and answers Gardien's probe
 * with the output of a real converged server: the first probe is passed on to it ({@code
 * upstream}) and its output recorded, every later one replayed from that record ({@link
 * ReplayHost}), so the real server is probed once. Any other command gets nothing, exit 0. It
 * runs no command.
 */
final class SimulatedFleet implements AutoCloseable {
  private final SshServer server = SshServer.setUpDefaultServer();
  private final KeyPair hostKey;
  private final AtomicLong probes = new AtomicLong();
  private final java.util.function.UnaryOperator<String> upstream;
  private volatile ReplayHost replay;

  /**
   * @param upstream runs a probe script on the real server and returns its output
   * @param port where to listen (the port the simulated servers' manifests name)
   */
  SimulatedFleet(java.util.function.UnaryOperator<String> upstream, PublicKey allowed, int port) throws Exception {
    this.upstream = upstream;
    hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    server.setHost("0.0.0.0");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowed));
    CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofHours(2));
    CoreModuleProperties.NIO2_READ_TIMEOUT.set(server, Duration.ZERO);
    server.setCommandFactory((channel, command) -> new Answer(command, this));
    server.start();
  }

  int port() {
    return server.getPort();
  }

  /** The host key every simulated server shows, as a manifest pins it. */
  String hostKey() {
    return PublicKeyEntry.toString(hostKey.getPublic());
  }

  long probes() {
    return probes.get();
  }

  /** The probe's output: the real server's the first time (recorded), replayed after. */
  String probe(String script) {
    ReplayHost r = replay;
    if (r == null) {
      synchronized (this) {
        if (replay == null) {
          replay = new ReplayHost(ReplayHost.withoutNonce(script, upstream.apply(script)));
        }
        r = replay;
      }
    }
    probes.incrementAndGet();
    return r.exec(script, null, Duration.ofSeconds(1)).stdout();
  }

  /** The script of {@code exec [sudo -n --] env … /bin/sh -c 'SCRIPT'} (RemoteCommand's form). */
  static String script(String command) {
    int at = command.indexOf("/bin/sh -c '");
    if (at < 0) {
      return command;
    }
    String quoted = command.substring(at + "/bin/sh -c ".length());
    return quoted.substring(1, quoted.length() - 1).replace("'\\''", "'");
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** One command: the replayed probe output, or nothing. */
  private static final class Answer implements Command {
    private final String command;
    private final SimulatedFleet fleet;
    private OutputStream out;
    private ExitCallback exit;

    Answer(String command, SimulatedFleet fleet) {
      this.command = command;
      this.fleet = fleet;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      String script = script(command);
      String stdout = ReplayHost.isProbe(script) ? fleet.probe(script) : "";
      out.write(stdout.getBytes(StandardCharsets.UTF_8));
      out.flush();
      exit.onExit(0);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
