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

  /**
   * A managed server (sshd on 2222 behind Gardien's firewall, fail2ban watching it) gets a new
   * ssh.port: Gardien still reaches it on the port it was last reached on, and sshd, AllowUsers,
   * the firewall and fail2ban move together in one apply; a second apply changes nothing. When the
   * next new port is blocked between Gardien and the server, all of them are back on the old port
   * by themselves, and the next run still gets in there.
   */
  @Test
  void aManagedServersPortMovesWithItsFirewallAndFail2banAndComesBackTogetherWhenBlocked(TestHost host)
      throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC);
    CliRun first = repo.run("apply");
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
    assertThat(host.check("nft list table inet gardien")).contains("2222");

    repo.write(SPEC.replace("2222", "2200"));
    CliRun move = repo.run("apply");

    assertThat(move.exitCode()).as(move.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(move)).contains("~ sshd configuration /etc/ssh/sshd_config.d/00-gardien.conf",
        "~ nftables ruleset /etc/nftables.conf", "~ file /etc/fail2ban/jail.d/gardien.local");
    assertOnPort(host, 2200, 2222);
    CliRun again = repo.run("apply");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(again)).isEmpty();

    // the next port is dropped on the way from Gardien: the move cannot be confirmed
    host.check("nft add table inet blocker"
        + " && nft add chain inet blocker input '{ type filter hook input priority -300; policy accept; }'"
        + " && nft add rule inet blocker input ip saddr " + host.controllerAddress() + " tcp dport 2300 drop");
    repo.write(SPEC.replace("2222", "2300"));
    CliRun blocked = repo.run("apply", "--rollback-after=8");

    assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(blocked.stdout()).contains("cut Gardien off");
    Thread.sleep(12_000);
    assertOnPort(host, 2200, 2300);
    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as("gets in on 2200 and still sees the move to do: " + plan).isEqualTo(ExitCode.DRIFT);

    host.check("nft delete table inet blocker");
    CliRun unblocked = repo.run("apply");
    assertThat(unblocked.exitCode()).as(unblocked.toString()).isEqualTo(ExitCode.OK);
    assertOnPort(host, 2300, 2200);
  }

  /** sshd, its AllowUsers drop-in, the firewall and fail2ban's sshd jail on {@code port}, and none on {@code old}. */
  private static void assertOnPort(TestHost host, int port, int old) {
    assertThat(host.check("sshd -T | grep -E '^(port|allowusers) '").lines()).contains("port " + port);
    assertThat(host.check("grep -E '^(Port|AllowUsers) ' /etc/ssh/sshd_config.d/00-gardien.conf"))
        .contains("Port " + port + "\n").contains("AllowUsers ");
    assertThat(host.check("nft list table inet gardien")).contains("dport " + port).doesNotContain(String.valueOf(old));
    assertThat(host.check("grep -A3 '^\\[sshd\\]' /etc/fail2ban/jail.d/gardien.local")).contains("port = " + port + "\n");
    assertThat(open(host.address(), port)).as("port " + port + " answers").isTrue();
    assertThat(open(host.address(), old)).as("port " + old + " closed").isFalse();
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
