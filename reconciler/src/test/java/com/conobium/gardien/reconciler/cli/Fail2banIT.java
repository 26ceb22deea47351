package com.conobium.gardien.reconciler.cli;

import static com.conobium.gardien.reconciler.cli.ReconcileIT.changes;
import static com.conobium.gardien.reconciler.cli.ReconcileIT.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.ExecResult;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fail2ban module on a real Debian 13 host: Gardien installs and configures fail2ban, a second
 * host that fails SSH logins is banned by nftables, and Gardien (connecting from the controller,
 * which is not in ignoreIp) keeps working: a plan shows no drift and a second apply changes
 * nothing.
 */
@ExtendWith(DebianHostExtension.class)
class Fail2banIT {
  static final String SPEC = """
      fail2ban:
        maxRetry: 6
        findTime: 10m
        banTime: 1h
      """;

  @Test
  void bansAHostThatFailsSshLoginsAndStaysConverged(TestHosts hosts) throws Exception {
    TestHost target = hosts.boot();
    TestHost attacker = hosts.boot();
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), target).write(SPEC);

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).contains(
        "+ file /etc/fail2ban/jail.d/gardien.local");
    assertThat(target.check("systemctl is-enabled fail2ban; systemctl is-active fail2ban"))
        .isEqualTo("enabled\nactive\n");
    assertThat(target.check("fail2ban-client status")).contains("Jail list:\tsshd\n");
    assertThat(target.check("fail2ban-client get sshd maxretry")).isEqualTo("6\n");
    // the package started fail2ban with Debian's banaction; Gardien's file changes it, and a plain
    // reload would leave the jail without any action
    assertThat(target.check("fail2ban-client get sshd actions")).contains("nftables-multiport");
    assertThat(target.check("fail2ban-client get sshd ignoreip"))
        .contains("127.0.0.0/8").doesNotContain(target.controllerAddress());
    JsonNode fail2ban = module(apply, "fail2ban");
    assertThat(fail2ban.toString()).contains("waiting for /var/log/nginx/error.log");

    for (int i = 0; i < 7; i++) {
      attacker.exec("ssh -o BatchMode=yes -o PreferredAuthentications=password -o ConnectTimeout=5"
          + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null nosuchuser@"
          + target.address() + " true");
    }
    // the systemd backend reads the journal in batches, and the ban action runs after the ban is
    // listed: wait for both
    String status = "";
    String ruleset = "";
    for (int i = 0; i < 150 && !(status.contains(attacker.address()) && ruleset.contains(attacker.address())); i++) {
      Thread.sleep(200);
      status = target.exec("fail2ban-client status sshd").stdout();
      ruleset = target.exec("nft list ruleset").stdout();
    }
    assertThat(status).as(target.check("journalctl -u ssh -u fail2ban -n 40 --no-pager"))
        .contains("Banned IP list:\t" + attacker.address());
    ExecResult connect = attacker.exec(
        "timeout 5 bash -c 'exec 3<>/dev/tcp/" + target.address() + "/22' && echo open");
    assertThat(connect.stdout())
        .as(target.check("nft list ruleset; tail -n 30 /var/log/fail2ban.log; ss -tn"))
        .doesNotContain("open");
    assertThat(ruleset).contains(attacker.address());

    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(plan)).isEmpty();
    assertThat(server(plan).get("roundTrips").asInt()).isEqualTo(1);

    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(second)).isEmpty();
    assertThat(server(second).get("status").asText()).isEqualTo("in sync");
  }

  private static JsonNode module(CliRun run, String name) {
    for (JsonNode m : server(run).get("modules")) {
      if (m.get("module").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError("no module " + name + " in " + run);
  }
}
