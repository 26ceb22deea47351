package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.TestHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The accounts module and the secret store end to end on a real Debian 13 host: the admin user
 * logs in with its key and has password-less sudo, root's password is the stored secret, a
 * rotation is planned masked and applied, and no secret ever reaches the command's output or logs.
 */
@ExtendWith(DebianHostExtension.class)
class AccountsIT {
  private final List<CliRun> runs = new ArrayList<>();
  /** Every log event of the test's runs (the engine logs each change and failure). */
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @Test
  void adminLogsInWithSudoRootPasswordIsTheSecretAndRotationConvergesWithoutLeaking(
      TestHost host, @TempDir Path work) throws Exception {
    Logger rootLogger = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    logs.start();
    rootLogger.addAppender(logs);
    Path key = work.resolve("admin_ed25519");
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "admin@it", "-f", key.toString()));
    String publicKey = Files.readString(work.resolve("admin_ed25519.pub")).strip();
    TestRepo repo = new TestRepo(work.resolve("repo"), host).write("""
        accounts:
          admin:
            name: gardien
            sshKeys: ["%s"]
        """.formatted(publicKey));
    String rootFieldBefore = shadowField(host, "root");

    // a pull request's CI job: no secret store, so passwords are not compared and nothing is written
    Path ciHome = work.resolve("ci-runner-home");
    CliRun plan = keep(TestRepo.run(ciHome, repo.root, host, "plan"));
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.DRIFT);
    assertThat(ReconcileIT.changes(plan)).contains(
        "+ user gardien", "+ authorized_keys of gardien", "+ file /etc/sudoers.d/gardien-gardien")
        .noneMatch(c -> c.contains("password"));
    assertThat(notCompared(plan)).containsExactlyInAnyOrder("password of gardien", "password of root");
    CliRun comment = keep(CliRun.inHome(ciHome, "plan", repo.root.toString(), "--identity",
        host.rootKey().toString(), "--format", "markdown"));
    assertThat(comment.stdout()).contains("Planned without the secret store")
        .contains("? password of root: not compared").doesNotContain("~ password");
    createdNothing(ciHome);

    CliRun apply = keep(repo.run("apply"));
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.server(apply).get("status").asText()).isEqualTo("converged");

    // the admin logs in with its key, as itself, and sudo needs no password
    String login = ssh(host, key, "id -un && sudo -n true && sudo -n id -un");
    assertThat(login).isEqualTo("gardien\nroot\n");
    assertThat(host.check("stat -c '%a %U:%G' /home/gardien/.ssh/authorized_keys /etc/sudoers.d/gardien-gardien"))
        .isEqualTo("600 gardien:gardien\n440 root:root\n");
    assertThat(host.check("getent passwd gardien | cut -d: -f7; id -Gn gardien")).contains("/bin/bash\n").contains("sudo");

    // root's and the admin's shadow fields are the SHA-512 crypt of the stored secrets
    SecretStore store = CommandSecrets.of(repo.home);
    Secret root = store.getOrCreate(host.name(), "root-password", 30);
    Secret admin = store.getOrCreate(host.name(), "admin-password", 30);
    assertThat(root.reveal()).hasSize(30);
    String rootField = shadowField(host, "root");
    assertThat(rootField.equals(rootFieldBefore)).as("root's shadow field changed").isFalse();
    assertThat(rootField.equals(crypt(root))).as("root's shadow field is the secret's crypt").isTrue();
    assertThat(shadowField(host, "gardien").equals(crypt(admin))).as("admin's shadow field").isTrue();

    CliRun blindInSync = keep(TestRepo.run(ciHome, repo.root, host, "plan"));
    assertThat(blindInSync.exitCode()).as(blindInSync.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(blindInSync)).isEmpty();
    createdNothing(ciHome);
    CliRun noDrift = keep(repo.run("plan"));
    assertThat(noDrift.exitCode()).as(noDrift.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.changes(noDrift)).isEmpty();
    assertThat(ReconcileIT.server(noDrift).get("roundTrips").asInt()).isEqualTo(1);
    CliRun second = keep(repo.run("apply"));
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(ReconcileIT.server(second).get("status").asText()).isEqualTo("in sync");

    // rotation: masked in the plan, set by the next apply, converged after
    CliRun list = keep(repo.secrets("list", host.name()));
    assertThat(list.stdout()).contains("admin-password").contains("root-password");
    CliRun rotate = keep(repo.secrets("rotate", host.name(), "root-password"));
    assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
    CliRun rotated = keep(repo.run("plan"));
    assertThat(rotated.exitCode()).as(rotated.toString()).isEqualTo(ExitCode.DRIFT);
    assertThat(ReconcileIT.changes(rotated)).containsExactly("~ password of root");
    JsonNode change = accountsChanges(rotated).get(0);
    assertThat(change.get("sensitive").asBoolean()).isTrue();
    assertThat(change.get("before").asText()).isEqualTo("(sensitive value)");
    assertThat(change.get("after").asText()).isEqualTo("(sensitive value)");
    CliRun textPlan = keep(CliRun.inHome(repo.home, "plan", repo.root.toString(), "--identity", host.rootKey().toString()));
    assertThat(textPlan.stdout()).contains("~ password of root: (sensitive value) -> (sensitive value)");
    CliRun applyRotation = keep(CliRun.inHome(repo.home, "apply", repo.root.toString(), "--identity", host.rootKey().toString()));
    assertThat(applyRotation.exitCode()).as(applyRotation.toString()).isEqualTo(ExitCode.OK);
    CliRun converged = keep(repo.run("plan"));
    assertThat(converged.exitCode()).as(converged.toString()).isEqualTo(ExitCode.OK);
    Secret newRoot = CommandSecrets.of(repo.home).getOrCreate(host.name(), "root-password", 30);
    assertThat(newRoot.reveal().equals(root.reveal())).isFalse();
    assertThat(shadowField(host, "root").equals(crypt(newRoot))).as("root's field follows the rotation").isTrue();

    // nothing secret in anything the command line printed or logged
    rootLogger.detachAppender(logs);
    assertThat(logs.list).as("the engine logged the changes").isNotEmpty();
    String printed = String.join("\n", runs.stream().map(r -> r.stdout() + "\n" + r.stderr()).toList())
        + String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs() + " " + e.getMDCPropertyMap()
            + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList());
    for (String secret : List.of(root.reveal(), newRoot.reveal(), admin.reveal(), crypt(root), crypt(newRoot),
        crypt(admin), root.salt(), newRoot.salt(), admin.salt())) {
      assertThat(printed.contains(secret)).as("a secret or its hash appears in the output").isFalse();
    }
  }

  /** A plan without the secret store writes nothing in Gardien's home: no key, no database. */
  private static void createdNothing(Path home) throws Exception {
    if (Files.exists(home)) {
      try (var files = Files.walk(home)) {
        throw new AssertionError("a plan without the secret store wrote " + files.toList());
      }
    }
  }

  private static List<String> notCompared(CliRun run) {
    List<String> out = new ArrayList<>();
    ReconcileIT.server(run).get("modules").forEach(m -> m.get("notCompared").forEach(n -> out.add(n.asText())));
    return out;
  }

  /** Keeps what the run printed for the final leak check, and reports its duration. */
  private CliRun keep(CliRun run) {
    runs.add(run);
    try {
      JsonNode server = ReconcileIT.server(run);
      System.out.printf("AccountsIT measure: run %d exit %d status %s, %d round trip(s), %d ms%n",
          runs.size(), run.exitCode(), server.path("status").asText(), server.path("roundTrips").asInt(),
          server.path("durationMs").asLong());
    } catch (AssertionError | RuntimeException notAPlan) {
      // secrets commands and text output: nothing to measure
    }
    return run;
  }

  private static List<JsonNode> accountsChanges(CliRun run) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : ReconcileIT.server(run).get("modules")) {
      if (m.get("module").asText().equals("accounts")) {
        m.get("changes").forEach(out::add);
      }
    }
    return out;
  }

  private static String crypt(Secret secret) {
    return Sha2Crypt.sha512Crypt(secret.reveal().getBytes(StandardCharsets.UTF_8), "$6$" + secret.salt());
  }

  /** The password field of {@code user} in the host's /etc/shadow. Never printed. */
  private static String shadowField(TestHost host, String user) {
    return host.check("getent shadow " + user + " | cut -d: -f2").strip();
  }

  private static String ssh(TestHost host, Path key, String command) throws Exception {
    return run(List.of("ssh", "-i", key.toString(), "-p", String.valueOf(host.sshPort()),
        "-o", "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
        "gardien@" + host.address(), command));
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish");
    }
    assertThat(p.exitValue()).as(command.get(0) + " printed: " + output).isZero();
    return output;
  }
}
