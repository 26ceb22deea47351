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
 * whose address the jails ignore) keeps working: a plan shows no drift and a second apply changes
 * nothing. Real attackers against the whole standard offer: {@code StockServerIT}.
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
        .as("the address the server sees Gardien come from is never banned")
        .contains("127.0.0.0/8").contains(target.controllerAddress());
    JsonNode fail2ban = module(apply, "fail2ban");
    assertThat(fail2ban.toString()).contains("waiting for /var/log/nginx/error.log");

    for (int i = 0; i < 7; i++) {
      new SshGuess("nosuchuser", 22).from(attacker, target.address());
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

    // nginx comes later: once its error log exists, its jails are planned in
    target.check("mkdir -p /var/log/nginx && touch /var/log/nginx/error.log /var/log/nginx/access.log");
    CliRun nginxPlan = repo.run("plan");
    assertThat(nginxPlan.exitCode()).as(nginxPlan.toString()).isEqualTo(ExitCode.DRIFT);
    assertThat(changes(nginxPlan)).containsExactly("~ file /etc/fail2ban/jail.d/gardien.local");
    JsonNode change = module(nginxPlan, "fail2ban").get("changes").get(0);
    assertThat(change.get("before").asText()).isEqualTo("jails sshd");
    assertThat(change.get("after").asText())
        .isEqualTo("jails sshd, nginx-http-auth, nginx-botsearch, nginx-limit-req, nginx-scan");
    CliRun nginxApply = repo.run("apply");
    assertThat(nginxApply.exitCode()).as(nginxApply.toString()).isEqualTo(ExitCode.OK);
    assertThat(target.check("fail2ban-client status"))
        .contains("sshd").contains("nginx-http-auth").contains("nginx-botsearch").contains("nginx-limit-req")
        .contains("nginx-scan");
    String restored = "";
    for (int i = 0; i < 50 && !restored.contains(attacker.address()); i++) {
      Thread.sleep(200);
      restored = target.exec("fail2ban-client status sshd").stdout();
    }
    assertThat(restored).as("the ban survives the jails' restart").contains(attacker.address());
    assertThat(repo.run("plan").exitCode()).isEqualTo(ExitCode.OK);
    // Gardien's own logins (key, from the controller) never count as failures
    assertThat(target.check("cat /var/log/fail2ban.log"))
        .contains("Found " + attacker.address())
        .doesNotContain("Found " + target.controllerAddress());

    // disabled: stopped, disabled, Gardien's file removed; bans lifted with the service
    repo.write(SPEC + "  enabled: false\n");
    CliRun off = repo.run("apply");
    assertThat(off.exitCode()).as(off.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(off)).containsExactly("~ service fail2ban running", "~ service fail2ban enabled",
        "- file /etc/fail2ban/jail.d/gardien.local");
    assertThat(target.exec("systemctl is-active fail2ban").stdout()).isEqualTo("inactive\n");
    assertThat(target.exec("systemctl is-enabled fail2ban").stdout()).isEqualTo("disabled\n");
    assertThat(target.exec("test -e /etc/fail2ban/jail.d/gardien.local").ok()).isFalse();
    assertThat(target.check("nft list ruleset")).doesNotContain(attacker.address());
    CliRun offPlan = repo.run("plan");
    assertThat(offPlan.exitCode()).as(offPlan.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(offPlan)).isEmpty();
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
