package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.engine.FactsCache;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ReplayHost;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.engine.TransientRetry;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The training run of the class-data-sharing archive bin/gardien keeps next to the jar (and the
 * container image next to its own): it does, in a throwaway directory and against nothing
 * outside this process, what the commands do — every command wired, a repository validated, a
 * state database opened and a secret sealed, an SSH key exchange and login on a loopback server of
 * its own, and each server of the repository planned from a recorded probe output — so that the
 * JVM that records the archive loads the classes a real command will need. Not for people: hidden.
 */
@Command(name = "train-class-cache", hidden = true,
    description = "Loads the classes of every command, touching nothing outside this process (bin/gardien's class cache).")
final class TrainCommand implements Callable<Integer> {
  /** A probe output of the standard offer, recorded by bench/run-breakdown from a converged test server. */
  static final String RECORDED_PROBE = "training-probe.txt";

  @Parameters(index = "0", paramLabel = "REPO", description = "A valid config repository (examples/fleet).")
  Path repo;

  private final Injector injector;
  private final ModuleGraph graph;

  @Inject
  TrainCommand(Injector injector, ModuleGraph graph) {
    this.injector = injector;
    this.graph = graph;
  }

  @Override
  public Integer call() throws Exception {
    step("wiring every command", () -> Main.commandLine(injector, "--help").getUsageMessage());
    ConfigRepo loaded = new ConfigRepoLoader().load(repo);
    Path home = Files.createTempDirectory("gardien-training");
    try {
      StateAccess state = StateAccess.of(home, Map.of());
      try {
        SecretStore secrets = new SecretStoreFactory().create(home, state);
        Path key = home.resolve("id_ed25519");
        KeyPair identity = KeyUtils.generateKeyPair(org.apache.sshd.common.keyprovider.KeyPairProvider.SSH_ED25519, 256);
        try (OutputStream out = Files.newOutputStream(key)) {
          OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(identity, null, null, out);
        }
        step("an SSH login on a loopback server", () -> loopbackLogin(home, key));
        step("planning from the recorded probe", () -> plan(loaded, secrets));
      } finally {
        state.close();
      }
    } finally {
      ChangedServers.delete(home);
    }
    return ExitCode.OK;
  }

  /** One step of the training: what fails (no loopback network, no hostname in a build) is said and skipped. */
  private void step(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      System.err.println("gardien train-class-cache: " + what + " skipped: " + e);
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** A key exchange, a login and one command on a loopback SSH server of this process. */
  private static void loopbackLogin(Path home, Path key) throws Exception {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
    server.setPublickeyAuthenticator((user, publicKey, session) -> true);
    server.setCommandFactory((channel, command) -> new Succeeds());
    server.start();
    try (SshConnections connections = new SshConnections(key, new HostKeys(home.resolve("known_hosts"), true),
        Duration.ofSeconds(10), Duration.ofSeconds(10))) {
      connections.open("training", new SshEndpoint("127.0.0.1", server.getPort(), "gardien", List.of()))
          .exec("true", null, Duration.ofSeconds(10));
    } finally {
      server.stop(true);
    }
  }

  /** Every server of the repository planned from the recorded probe output (results ignored). */
  private void plan(ConfigRepo loaded, SecretStore secrets) throws IOException {
    String recorded;
    try (InputStream in = TrainCommand.class.getResourceAsStream(RECORDED_PROBE)) {
      if (in == null) {
        return;
      }
      recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Reconciler reconciler = new Reconciler(graph, target -> new ReplayHost(recorded),
        new FactsCache(Duration.ofMillis(1)), new TransientRetry(1, Duration.ofMillis(1), e -> false),
        Duration.ofSeconds(30), new SecureRandom());
    Targets targets = new Targets(secrets, List.of());
    for (Server server : loaded.servers()) {
      reconciler.plan(targets.of(server, loaded.fleet()));
    }
  }

  /** The loopback server's command: exits 0 at once. */
  private static final class Succeeds implements org.apache.sshd.server.command.Command {
    private org.apache.sshd.server.ExitCallback exit;

    @Override
    public void setExitCallback(org.apache.sshd.server.ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void setInputStream(InputStream in) {}

    @Override
    public void setOutputStream(OutputStream out) {}

    @Override
    public void setErrorStream(OutputStream err) {}

    @Override
    public void start(ChannelSession channel, org.apache.sshd.server.Environment env) {
      exit.onExit(0);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
