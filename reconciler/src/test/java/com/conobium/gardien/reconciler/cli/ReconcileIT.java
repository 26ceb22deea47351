package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine end to end on a real Debian 13 host: the command line, SSH, the probes of every
 * module in one exec, the apt and chrony changes, and their verification. The tests share one host
 * and run in order: the first converges it from bare.
 */
@ExtendWith(DebianHostExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileIT {
  static final String SPEC = """
      packages:
        install: [tree]
      time:
        servers: [ntp1.example.net, ntp2.example.net]
        timezone: Europe/Paris
      """;

  static TestHost host;
  static TestRepo repo;

  @BeforeAll
  static void boot(TestHost booted) throws Exception {
    host = booted;
    repo = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC);
  }

  @Test
  @Order(1)
  void convergesABareHostThenPlanShowsNoDriftAndASecondApplyChangesNothing() {
    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.DRIFT);
    assertThat(changes(plan)).anySatisfy(c -> assertThat(c).startsWith("+ packages ").contains("chrony").contains("tree"));

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(server(apply).get("status").asText()).isEqualTo("converged");
    assertThat(host.check("dpkg-query -W -f '${Status}' tree chrony")).isEqualTo("install ok installedinstall ok installed");
    assertThat(host.check("readlink /etc/localtime")).endsWith("/Europe/Paris\n");

    CliRun noDrift = repo.run("plan");
    assertThat(noDrift.exitCode()).as(noDrift.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(noDrift)).isEmpty();
    assertThat(server(noDrift).get("roundTrips").asInt()).isEqualTo(1);

    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(second)).isEmpty();
    assertThat(server(second).get("status").asText()).isEqualTo("in sync");
    for (JsonNode m : server(second).get("modules")) {
      assertThat(m.get("applied").asInt()).as(m.toString()).isZero();
    }
  }

  @Test
  @Order(2)
  void aPackageRemovedByHandIsExactlyTheDrift() {
    host.check("DEBIAN_FRONTEND=noninteractive apt-get purge -y -q tree");

    CliRun plan = repo.run("plan");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.DRIFT);
    assertThat(changes(plan)).containsExactly("+ packages tree");
    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(repo.run("plan").exitCode()).isEqualTo(ExitCode.OK);
  }

  @Test
  @Order(3)
  void aChangedHostKeyIsRefusedBeforeAnyCommandRuns() throws Exception {
    // journal timestamps can lag: wait until earlier sessions are gone, then count logins
    String logins = "until [ -z \"$(ss -Htn state established '( sport = :22 )')\" ]; do sleep 0.1; done;"
        + " journalctl -u ssh --no-pager -o cat | grep -c 'Accepted publickey' || true";
    String before = host.check(logins).strip();
    String otherKey = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
        org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic());
    TestRepo wrong = new TestRepo(Files.createTempDirectory("gardien-it"), host).write(SPEC, otherKey);

    CliRun plan = wrong.run("plan");

    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(server(plan).get("status").asText()).isEqualTo("unreachable");
    assertThat(server(plan).get("error").asText()).contains("HOST KEY CHANGED").contains("pinned ssh-ed25519 SHA256:")
        .contains("presented ssh-ed25519 SHA256:");
    assertThat(host.check(logins).strip()).as("logins accepted by sshd").isEqualTo(before);
  }

  @Test
  @Order(4)
  void aNonRootLoginRunsEverythingThroughSudo() throws Exception {
    host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q sudo >/dev/null"
        + " && useradd -m -s /bin/bash ops"
        + " && echo 'ops ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/ops && chmod 440 /etc/sudoers.d/ops"
        + " && install -d -m 700 -o ops -g ops /home/ops/.ssh"
        + " && install -m 600 -o ops -g ops /root/.ssh/authorized_keys /home/ops/.ssh/authorized_keys");
    String asOps = SPEC.replace("packages:", "packages:\n  remove: [nano]");
    // the same repository and secret store, now logging in as ops
    TestRepo ops = repo.connectAs("ops").write(asOps);
    host.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q nano >/dev/null");

    CliRun apply = ops.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    // ops, now the connection user, joins sshd's AllowUsers
    assertThat(changes(apply))
        .containsExactly("- packages nano", "~ sshd configuration /etc/ssh/sshd_config.d/00-gardien.conf");
    assertThat(host.check("sshd -T | grep '^allowusers '")).contains("ops");
    assertThat(host.exec("dpkg-query -W -f '${Status}' nano").stdout()).doesNotContain("installed");
    // journald indexes sudo's lines a moment after they are written: wait for them, briefly
    String sudoLog = "";
    for (int i = 0; i < 50 && !sudoLog.contains("ops"); i++) {
      sudoLog = host.check("journalctl --no-pager -o cat _COMM=sudo | tail -n 3");
      if (!sudoLog.contains("ops")) {
        Thread.sleep(200);
      }
    }
    assertThat(sudoLog).as(host.check("journalctl --no-pager -o cat -n 20")).contains("ops");
    assertThat(ops.run("plan").exitCode()).isEqualTo(ExitCode.OK);
  }

  static JsonNode server(CliRun run) {
    return run.json().get("servers").get(0);
  }

  static List<String> changes(CliRun run) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : server(run).get("modules")) {
      for (JsonNode c : m.get("changes")) {
        String sign = switch (c.get("action").asText()) {
          case "add" -> "+";
          case "remove" -> "-";
          default -> "~";
        };
        out.add(sign + " " + c.get("resource").asText());
      }
    }
    return out;
  }

}
