package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standard offer's takeover on a real, freshly installed server: Gardien comes in as root on
 * port 22 (the bootstrap connection), creates the admin user with Gardien's own key, moves sshd to
 * port 2222 and refuses root, and from then on logs in only as the admin user through sudo.
 * ssh-audit finds no failure in the resulting sshd.
 */
@ExtendWith(DebianHostExtension.class)
class TakeoverIT {
  static final String SPEC = """
      ssh:
        port: 2222
        permitRootLogin: false
      """;

  @Test
  void aFreshServerIsTakenOverAndFromThenOnReachedOnlyAsTheAdmin(TestHost host) throws Exception {
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).connectAs(null)
        .fleet("{controllerAddresses: [" + host.controllerAddress() + "]}").write(SPEC);

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(apply)).contains("+ user gardien", "+ authorized_keys of gardien");
    assertThat(SshIT.open(host.address(), 2222)).isTrue();
    assertThat(SshIT.open(host.address(), 22)).as("port 22 closed").isFalse();
    assertThat(host.check("sshd -T | grep -E '^(port|permitrootlogin|allowusers|persourcepenaltyexemptlist) '").lines())
        .as("the controller exempt from sshd's penalties for connections that never log in (the monitoring's)")
        .contains("port 2222", "permitrootlogin no", "allowusers gardien",
            "persourcepenaltyexemptlist " + host.controllerAddress());
    String harnessKey = Files.readString(host.rootKey().resolveSibling(host.rootKey().getFileName() + ".pub"))
        .split("\\s+")[1];
    assertThat(host.check("cat ~gardien/.ssh/authorized_keys")).contains(harnessKey);

    String audit = host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q ssh-audit >/dev/null"
        + " && ssh-audit -n -p 2222 127.0.0.1 || true");
    assertThat(audit).as(audit).contains("(kex) mlkem768x25519-sha256").doesNotContain("[fail]");

    String adminLogins = "journalctl -u ssh --no-pager -o cat | grep -c 'Accepted publickey for gardien' || true";
    int before = Integer.parseInt(host.check(adminLogins).strip());
    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.server(plan).get("roundTrips").asInt()).isEqualTo(1);
    assertThat(Integer.parseInt(host.check(adminLogins).strip())).as("plan logged in as gardien").isGreaterThan(before);

    CliRun again = repo.run("apply");
    assertThat(again.exitCode()).as("a takeover run again on a managed server: " + again).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(again)).isEmpty();

    TestRepo asRoot = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC);
    CliRun refused = asRoot.run("plan");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(ReconcileIT.server(refused).get("status").asText()).isEqualTo("unreachable");
  }
}
