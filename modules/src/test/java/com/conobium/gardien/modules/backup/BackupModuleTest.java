package com.conobium.gardien.modules.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.BackupSpec;
import com.conobium.gardien.model.DatabaseSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupModuleTest {
  private final BackupModule module = new BackupModule();
  @TempDir Path root;

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("backup");
    assertThat(module.after()).containsExactly("packages");
  }

  @Test
  void desiredTakesTheManifestTheSitesAndBothSecrets() {
    List<String> asked = new ArrayList<>();
    Target target = BackupFixtures.target(
        new BackupSpec(null, "03:10", new BackupSpec.Retention(10, 12), List.of("/etc", "/var/mail"), null),
        BackupFixtures.SPACE,
        (name, length, owner) -> {
          asked.add(name + "/" + length + "/" + owner.label());
          return BackupFixtures.secret(name.repeat(4));
        });

    BackupDesired d = module.desired(target);

    assertThat(asked).containsExactly("backup-repository-password/48/gardien", "backup-ssh-key/64/gardien");
    assertThat(d.paths()).containsExactly("/etc", "/srv/www/shop", "/var/mail");
    assertThat(d.time()).isEqualTo("03:10");
    assertThat(d.keepDaily()).isEqualTo(10);
    assertThat(d.keepMonthly()).isEqualTo(12);
    assertThat(d.databases()).isTrue();
    assertThat(BackupFiles.env(d).content())
        .contains("RESTIC_REPOSITORY='sftp:gardien-space-0:gardien/web1'\n")
        .contains("REPOSITORY_NAME='sftp:u123@backup.example.net:gardien/web1'\n")
        .contains("REPLICA_REPOSITORIES=''\n")
        .contains("KEEP_DAILY='10'\n").contains("KEEP_MONTHLY='12'\n").contains("BACKUP_HOST='web1'\n")
        .contains("DATABASES='yes'\n");
    assertThat(BackupFiles.knownHosts(d).content())
        .isEqualTo("[backup.example.net]:23 " + BackupFixtures.HOST_KEY + "\n");
    assertThat(BackupFiles.sshConfig(d).content()).contains("Host gardien-space-0\n  HostName backup.example.net\n"
        + "  Port 23\n  User u123\n").contains("  StrictHostKeyChecking yes\n")
        .contains("  UserKnownHostsFile /etc/gardien/backup/known_hosts\n");
  }

  @Test
  void replicasGetAnAliasEachTheirHostKeysAndTheirRepositoriesInTheSettings() {
    FleetSpec.BackupSpace dc2 = new FleetSpec.BackupSpace("backup2.example.org", null, "u2", "copies",
        BackupFixtures.HOST_KEY2);
    FleetSpec.BackupSpace dc3 = new FleetSpec.BackupSpace("198.18.3.2", 2222, "u3", null, BackupFixtures.HOST_KEY);
    Target t = BackupFixtures.target(null, BackupFixtures.SPACE, BackupFixtures.secrets(Map.of()), List.of(dc2, dc3));

    BackupDesired d = module.desired(t);

    assertThat(d.replicas()).extracting(BackupSpaceAccess::repository)
        .containsExactly("sftp:u2@backup2.example.org:copies/web1", "sftp:u3@198.18.3.2:gardien/web1");
    assertThat(BackupFiles.env(d).content())
        .contains("REPLICA_REPOSITORIES='sftp:gardien-space-1:copies/web1 sftp:gardien-space-2:gardien/web1'\n")
        .contains("REPLICA_NAMES='sftp:u2@backup2.example.org:copies/web1 sftp:u3@198.18.3.2:gardien/web1'\n");
    assertThat(BackupFiles.sshConfig(d).content())
        .contains("Host gardien-space-1\n  HostName backup2.example.org\n  Port 22\n  User u2\n")
        .contains("Host gardien-space-2\n  HostName 198.18.3.2\n  Port 2222\n  User u3\n");
    assertThat(BackupFiles.knownHosts(d).content()).isEqualTo("[backup.example.net]:23 " + BackupFixtures.HOST_KEY
        + "\nbackup2.example.org " + BackupFixtures.HOST_KEY2 + "\n[198.18.3.2]:2222 " + BackupFixtures.HOST_KEY + "\n");
  }

  @Test
  void anUnusableReplicaStopsTheBackupWithACheckNamingIt() {
    FleetSpec.BackupSpace broken = new FleetSpec.BackupSpace("backup2.example.org", null, null, null,
        BackupFixtures.HOST_KEY2);
    BackupDesired d = module.desired(BackupFixtures.target(null, BackupFixtures.SPACE,
        BackupFixtures.secrets(Map.of()), List.of(broken)));

    assertThat(d.space()).isEmpty();
    assertThat(d.spaceProblem()).startsWith("backupReplicas[0]: ").contains("host, user and hostKey");
    assertThat(module.plan(d, BackupFixtures.bare()).changes()).isEmpty();
  }

  @Test
  void noDumpsWhenTheServerHasNoDatabaseOrTheManifestSaysSo() {
    ServerSpec base = BackupFixtures.target(null, BackupFixtures.SPACE, BackupFixtures.secrets(Map.of())).spec();
    ServerSpec noDb = ServerSpec.builder().database(new DatabaseSpec(false)).sites(base.sites()).build();
    Target t = new Target(new com.conobium.gardien.model.Server("web1", null, noDb, Path.of("s.yaml")),
        BackupFixtures.target(null, BackupFixtures.SPACE, BackupFixtures.secrets(Map.of())).fleet(),
        BackupFixtures.secrets(Map.of()));
    assertThat(module.desired(t).databases()).isFalse();
    assertThat(module.desired(BackupFixtures.target(new BackupSpec(null, null, null, null, false),
        BackupFixtures.SPACE, BackupFixtures.secrets(Map.of()))).databases()).isFalse();
  }

  @Test
  void resticIsNeededOnlyWhenTheBackupIsEnabled() {
    ServerSpec on = BackupFixtures.target(null, null, BackupFixtures.secrets(Map.of())).spec();
    ServerSpec off = BackupFixtures.target(new BackupSpec(false, null, null, null, null), null,
        BackupFixtures.secrets(Map.of())).spec();

    assertThat(new BackupModule().packages(on)).containsExactly("restic");
    assertThat(new BackupModule().packages(off)).isEmpty();
  }

  @Test
  void theScriptIsValidBash() throws Exception {
    Path script = root.resolve("backup");
    Files.writeString(script, BackupFiles.script().content());
    Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes());
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(out).isZero();
    assertThat(BackupFiles.script().validate()).isEqualTo("bash -n /usr/local/lib/gardien/backup");
  }

  @Test
  void probeOnABareSystemFindsNothing() throws Exception {
    BackupFacts facts = module.facts(ProbeRunner.run(probeUnder(root)));

    assertThat(facts.files()).hasSize(BackupFiles.ALL.size());
    assertThat(facts.files().values()).allSatisfy(f -> assertThat(f.exists()).isFalse());
    assertThat(facts.repository()).isEmpty();
    assertThat(facts.lastRun()).isEmpty();
    assertThat(facts.now()).isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 60);
  }

  @Test
  void probeOfWrittenFilesAndRecordsPlansNoFileChanges() throws Exception {
    BackupDesired d = BackupFixtures.desired();
    for (Step.PutFile f : BackupFiles.all(d)) {
      Path p = root.resolve(f.path().substring(1));
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.content());
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
          f.mode().equals("0755") ? "rwxr-xr-x" : f.mode().equals("0644") ? "rw-r--r--" : "rw-------"));
    }
    Path state = Files.createDirectories(root.resolve("var/lib/gardien/backup"));
    Files.writeString(state.resolve("repository"),
        "repository=" + d.space().orElseThrow().repository() + "\ninitialised=1790000000\n");
    Files.writeString(state.resolve("last-run"), "started=1790000100\nstatus=failed\n"
        + "message=Fatal: \"quoted\" = tab\there\nlastSuccess=\nnot a record line\n");

    BackupFacts facts = module.facts(ProbeRunner.run(probeUnder(root)));
    ModulePlan plan = module.plan(d, facts);

    String owner = Files.getOwner(root).getName();
    if (owner.equals("root")) {
      assertThat(plan.changes()).extracting(c -> c.resource())
          .containsExactly("timer gardien-backup.timer");
    }
    assertThat(facts.repository().orElseThrow().number("initialised")).contains(1_790_000_000L);
    BackupFacts.StateRecord run = facts.lastRun().orElseThrow();
    assertThat(run.text("status")).isEqualTo("failed");
    assertThat(run.text("message")).isEqualTo("Fatal: \"quoted\" = tab\there");
    assertThat(run.number("lastSuccess")).isEmpty();
    assertThat(run.values()).doesNotContainKey("not a record line");
    assertThat(facts.lastCheck()).isEmpty();
  }

  @Test
  void unreadableProbeOutputIsAFactsError() {
    assertThatThrownBy(() -> module.facts(new ObjectMapper().readTree("{\"files\":[]}")))
        .isInstanceOf(FactsException.class);
  }

  private String probeUnder(Path prefix) {
    return module.probe(BackupFixtures.desired()).replace("bk_root=\n", "bk_root=" + prefix + "\n");
  }
}
