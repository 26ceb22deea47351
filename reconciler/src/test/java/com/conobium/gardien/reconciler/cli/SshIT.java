package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ssh module on real hosts: Gardien reaches a fresh server through its bootstrap connection
 * (port 22), moves sshd to the manifest's port, confirms through a new connection there, and from
 * then on uses that port only. When the new port cannot be reached, the server puts its previous
 * configuration back by itself, and the next run still gets in.
 */
@ExtendWith(DebianHostExtension.class)
class SshIT {
  static final String SPEC = """
      ssh:
        port: 2222
        permitRootLogin: true
      """;

  @Test
  void movesSshToTheManifestsPortAndConnectsOnlyThereAfterwards(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC);

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(apply)).contains("+ sshd configuration /etc/ssh/sshd_config.d/00-gardien.conf");
    assertThat(open(host.address(), 2222)).isTrue();
    assertThat(open(host.address(), 22)).as("port 22 closed").isFalse();
    assertThat(host.check("sshd -T | grep -E '^(port|permitrootlogin|passwordauthentication) '"))
        .contains("port 2222").contains("permitrootlogin without-password").contains("passwordauthentication no");
    assertThat(host.check("ls -A /var/lib/gardien/rollback")).isEmpty();

    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.server(plan).get("roundTrips").asInt()).isEqualTo(1);
    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(second)).isEmpty();
  }

  @Test
  void anUnreachableNewPortIsRolledBackByTheServerAndTheNextRunStillGetsIn(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC);
    // Something between Gardien and the server drops the new port: nothing Gardien can see in advance.
    host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q nftables >/dev/null"
        + " && nft add table inet blocker"
        + " && nft add chain inet blocker input '{ type filter hook input priority -50; policy accept; }'"
        + " && nft add rule inet blocker input tcp dport 2222 drop");

    CliRun apply = repo.run("apply", "--rollback-after=8");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(apply.stdout()).contains("cut Gardien off").contains("by itself within 8 s");
    Thread.sleep(12_000);
    assertThat(host.exec("test -e /etc/ssh/sshd_config.d/00-gardien.conf").ok()).as("drop-in removed again").isFalse();
    assertThat(open(host.address(), 22)).as("sshd back on port 22").isTrue();
    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as("the next run gets in and still sees the drift: " + plan).isEqualTo(ExitCode.DRIFT);
  }

  static boolean open(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
