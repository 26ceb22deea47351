package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Never lock us out: a guarded change that blocks new SSH connections is undone by the server
 * itself, and one that does not is confirmed and its rollback cancelled. On a real Debian 13 host
 * with nftables in its own network namespace.
 */
@ExtendWith(DebianHostExtension.class)
class GuardIT {
  static final Duration ROLLBACK = Duration.ofSeconds(8);
  static final String RULES = "/etc/gardien-test/rules.nft";

  static TestHost host;
  SshConnections connections;
  Target target;
  SshEndpoint endpoint;

  @BeforeAll
  static void boot(TestHost booted) {
    host = booted;
    host.check("DEBIAN_FRONTEND=noninteractive apt-get -q update >/dev/null && "
        + "DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >/dev/null");
  }

  @BeforeEach
  void connect() {
    connections = new SshConnections(host.rootKey(), new HostKeys(Path.of("/dev/null"), false),
        Duration.ofSeconds(3), Duration.ofSeconds(10));
    endpoint = new SshEndpoint(host.address(), 22, "root", java.util.List.of(host.hostPublicKey()));
    target = new Target(new Server(host.name(), null, ServerSpec.builder().build(), Path.of("s.yaml")),
        new FleetSpec(null, null, null, null, null));
  }

  @AfterEach
  void close() {
    connections.close();
  }

  private Reconciler reconciler(ResourceModule<?, ?> module) {
    HostConnector connector = new HostConnector() {
      @Override
      public RemoteHost connect(Target t) {
        return connections.host(host.name(), endpoint);
      }

      @Override
      public void confirmNewConnection(Target t) throws SshException {
        connections.confirmNewSession(endpoint, Duration.ofSeconds(5));
      }
    };
    return new Reconciler(new ModuleGraph(List.of(module)), connector, new FactsCache(Duration.ofMillis(1)),
        new TransientRetry(1, Duration.ofMillis(1), e -> false), Duration.ofSeconds(60), new SecureRandom(),
        ROLLBACK);
  }

  @Test
  void aChangeThatShutsGardienOutIsUndoneByTheServerItself() throws Exception {
    ServerOutcome out = reconciler(new RulesModule("tcp dport 22 ct state new drop"))
        .apply(target, ApplyListener.NONE);

    ModuleOutcome m = out.modules().get(0);
    assertThat(m.status()).isEqualTo(Status.FAILED);
    assertThat(m.error()).contains("cut Gardien off")
        .contains("restores the previous configuration by itself within 8 s");

    Thread.sleep(ROLLBACK.plusSeconds(4).toMillis());
    connections.confirmNewSession(endpoint, Duration.ofSeconds(10)); // the next run can connect
    assertThat(host.exec("test -e " + RULES).ok()).as("the new rules file was removed").isFalse();
    assertThat(host.check("nft list tables")).doesNotContain("gardien_test");
  }

  @Test
  void aChangeGardienSurvivesIsConfirmedAndItsRollbackCancelled() throws Exception {
    ServerOutcome out = reconciler(new RulesModule("tcp dport 9 drop")).apply(target, ApplyListener.NONE);

    assertThat(out.modules().get(0).status()).as(out.toString()).isEqualTo(Status.CONVERGED);
    assertThat(host.check("systemctl list-timers --all --no-legend")).doesNotContain("gardien-rollback");
    assertThat(host.check("ls -A /var/lib/gardien/rollback")).isEmpty();
    Thread.sleep(ROLLBACK.plusSeconds(2).toMillis());
    assertThat(host.check("nft list table inet gardien_test")).contains("tcp dport 9 drop");
    host.check("nft delete table inet gardien_test; rm -f " + RULES);
  }

  /** Keeps one nftables table with one rule, loaded from a file: a guarded change. */
  private static final class RulesModule implements ResourceModule<String, JsonNode> {
    private final String rule;

    RulesModule(String rule) {
      this.rule = rule;
    }

    @Override
    public String name() {
      return "rules";
    }

    @Override
    public String desired(Target target) {
      return "table inet gardien_test {\n  chain input {\n    type filter hook input priority -10; policy accept;\n    "
          + rule + "\n  }\n}\n";
    }

    @Override
    public String probe(String desired) {
      return "jfile " + RULES;
    }

    @Override
    public JsonNode facts(JsonNode probeOutput) {
      return probeOutput;
    }

    @Override
    public ModulePlan plan(String desired, JsonNode facts) {
      if (facts.path("exists").asBoolean()) {
        return ModulePlan.of(List.of());
      }
      return ModulePlan.of(List.of(Change.add("nftables table gardien_test", rule, List.of(
              new Step.PutFile(RULES, desired, "0644", "root", "root", "nft -c -f " + RULES),
              new Step.Run("nft -f " + RULES)))
          .guarded(new Change.Guard(List.of(RULES),
              "nft delete table inet gardien_test 2>/dev/null || true; [ ! -s " + RULES + " ] || nft -f " + RULES))));
    }
  }
}
