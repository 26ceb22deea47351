package com.conobium.gardien.modules.backup;

import static com.conobium.gardien.modules.backup.BackupFixtures.NOW;
import static com.conobium.gardien.modules.backup.BackupFixtures.bare;
import static com.conobium.gardien.modules.backup.BackupFixtures.converged;
import static com.conobium.gardien.modules.backup.BackupFixtures.desired;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.BackupSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupPlannerTest {
  private final BackupPlanner planner = new BackupPlanner();

  private static List<String> resources(ModulePlan plan) {
    return plan.changes().stream().map(c -> c.action().sign() + " " + c.resource()).toList();
  }

  @Test
  void aBareServerGetsEveryFileThenTheTimerThenItsRepository() {
    ModulePlan plan = planner.plan(desired(), bare());

    assertThat(resources(plan)).containsExactly(
        "+ file /usr/local/lib/gardien/backup",
        "+ file /etc/gardien/backup/id_backup",
        "+ file /etc/gardien/backup/known_hosts",
        "+ file /etc/gardien/backup/ssh_config",
        "+ file /etc/gardien/backup/env",
        "+ file /etc/gardien/backup/paths",
        "+ file /etc/gardien/backup/password",
        "+ file /etc/systemd/system/gardien-backup.service",
        "+ file /etc/systemd/system/gardien-backup.timer",
        "~ timer gardien-backup.timer",
        "+ restic repository");
    Change repo = plan.changes().get(10);
    assertThat(repo.after()).isEqualTo("sftp:u123@backup.example.net:gardien/web1 (port 23)");
    assertThat(repo.steps()).containsExactly(BackupPlanner.INIT);
    assertThat(plan.changes().get(9).before()).isEqualTo("absent");
    assertThat(plan.changes().get(8).after()).startsWith("OnCalendar=*-*-* 02:30:00");
    assertThat(plan.changes().get(5).after()).isEqualTo("/etc, /srv/www");
    assertThat(plan.checks()).extracting(CheckResult::passed).containsOnly(true);
  }

  @Test
  void secretsAreMaskedAndOnlyTravelInStandardInput() {
    BackupDesired d = desired(Map.of(BackupModule.PASSWORD_SECRET, "P".repeat(48)));
    ModulePlan plan = planner.plan(d, bare());

    Change key = plan.changes().get(1);
    Change password = plan.changes().get(6);
    assertThat(key.sensitive()).isTrue();
    assertThat(password.sensitive()).isTrue();
    assertThat(plan.toString()).doesNotContain("PPPP").doesNotContain("PRIVATE KEY");
    Step.PutFile file = (Step.PutFile) password.steps().get(0);
    assertThat(file.content()).isEqualTo("P".repeat(48) + "\n");
    assertThat(file.mode()).isEqualTo("0600");
    assertThat(plan.changes().get(0).sensitive()).isFalse();
  }

  @Test
  void aNewReplicaRewritesTheSshFilesAndSettingsThenInitCreatesIt() {
    BackupFacts primaryOnly = converged(desired(), NOW - 3600);
    BackupDesired d = BackupFixtures.desiredWithReplica();

    ModulePlan plan = planner.plan(d, primaryOnly);

    assertThat(resources(plan)).containsExactly("~ file /etc/gardien/backup/known_hosts",
        "~ file /etc/gardien/backup/ssh_config", "~ file /etc/gardien/backup/env", "~ restic repository replicas");
    Change replicas = plan.changes().get(3);
    assertThat(replicas.before()).isEqualTo("none");
    assertThat(replicas.after()).isEqualTo("sftp:u2@backup2.example.org:copies/web1");
    assertThat(replicas.steps()).containsExactly(BackupPlanner.INIT);
    BackupFacts recorded = new BackupFacts(converged(d, NOW - 3600).files(), "enabled", "active", NOW,
        Optional.of(BackupFixtures.record("repository", "sftp:u123@backup.example.net:gardien/web1",
            "initialised", Long.toString(NOW - 3600), "replicas", "sftp:u2@backup2.example.org:copies/web1")),
        Optional.empty(), Optional.empty());
    assertThat(planner.plan(d, recorded).changes()).isEmpty();
  }

  @Test
  void aConvergedServerHasNothingToChange() {
    BackupDesired d = desired();
    ModulePlan plan = planner.plan(d, converged(d, NOW - 3600));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasFailedChecks()).isFalse();
  }

  @Test
  void aRotatedPasswordRekeysTheRepositoryBeforeTheFileIsReplaced() {
    BackupDesired old = desired(Map.of(BackupModule.PASSWORD_SECRET, "old".repeat(16)));
    BackupDesired rotated = desired(Map.of(BackupModule.PASSWORD_SECRET, "new".repeat(16)));

    ModulePlan plan = planner.plan(rotated, converged(old, NOW - 3600));

    assertThat(resources(plan)).containsExactly("~ file /etc/gardien/backup/password");
    Change change = plan.changes().get(0);
    assertThat(change.sensitive()).isTrue();
    assertThat(change.steps()).hasSize(2);
    Step.Run rekey = (Step.Run) change.steps().get(0);
    assertThat(rekey.script()).contains("restic key passwd --new-password-file").doesNotContain("newnew");
    assertThat(rekey.stdin()).isEqualTo("new".repeat(16) + "\n");
    assertThat(change.steps().get(1)).isInstanceOf(Step.PutFile.class);
  }

  @Test
  void aPasswordWrittenBeforeAnyRepositoryExistsNeedsNoRekey() {
    BackupDesired old = desired(Map.of(BackupModule.PASSWORD_SECRET, "old".repeat(16)));
    BackupDesired rotated = desired(Map.of(BackupModule.PASSWORD_SECRET, "new".repeat(16)));
    BackupFacts f = converged(old, NOW);
    BackupFacts noRepo = new BackupFacts(f.files(), "enabled", "active", NOW, Optional.empty(),
        Optional.empty(), Optional.empty());

    ModulePlan plan = planner.plan(rotated, noRepo);

    assertThat(plan.changes().get(0).steps()).hasSize(1);
    assertThat(resources(plan)).containsExactly("~ file /etc/gardien/backup/password", "+ restic repository");
  }

  @Test
  void aNewTimeRewritesTheTimerAndRestartsIt() {
    BackupDesired d = desired();
    BackupDesired later = new BackupModule().desired(BackupFixtures.target(
        new BackupSpec(null, "04:15", null, null, null), BackupFixtures.SPACE, BackupFixtures.secrets(Map.of())));

    ModulePlan plan = planner.plan(later, converged(d, NOW));

    assertThat(resources(plan)).containsExactly("~ file /etc/systemd/system/gardien-backup.timer");
    assertThat(plan.changes().get(0).after()).startsWith("OnCalendar=*-*-* 04:15:00");
    assertThat(plan.changes().get(0).steps())
        .endsWith(BackupPlanner.DAEMON_RELOAD, BackupPlanner.RESTART_TIMER_IF_ACTIVE);
  }

  @Test
  void aFileWithOtherAttributesIsFixedAndSaysSo() {
    BackupDesired d = desired();
    BackupFacts f = converged(d, NOW);
    Map<String, FileFacts> files = new HashMap<>(f.files());
    FileFacts env = files.get(BackupFiles.ENV);
    files.put(BackupFiles.ENV, new FileFacts(true, env.sha256(), "644", "root", "root"));

    ModulePlan plan = planner.plan(d, new BackupFacts(files, "enabled", "active", NOW, f.repository(),
        Optional.empty(), Optional.empty()));

    assertThat(resources(plan)).containsExactly("~ file /etc/gardien/backup/env");
    assertThat(plan.changes().get(0).before()).isEqualTo("0644 root:root");
    assertThat(plan.changes().get(0).after()).isEqualTo("0600 root:root");
  }

  @Test
  void aStoppedTimerIsStartedAgain() {
    BackupDesired d = desired();
    BackupFacts f = converged(d, NOW);

    ModulePlan plan = planner.plan(d, new BackupFacts(f.files(), "disabled", "inactive", NOW, f.repository(),
        Optional.empty(), Optional.empty()));

    assertThat(resources(plan)).containsExactly("~ timer gardien-backup.timer");
    assertThat(plan.changes().get(0).before()).isEqualTo("disabled, inactive");
    assertThat(plan.changes().get(0).steps()).containsExactly(BackupPlanner.ENABLE_TIMER);
  }

  @Test
  void aMovedSpaceGetsANewRepository() {
    BackupDesired d = desired();
    BackupFacts f = converged(d, NOW);
    BackupFacts moved = new BackupFacts(f.files(), "enabled", "active", NOW,
        Optional.of(BackupFixtures.record("repository", "sftp:old@elsewhere:gardien/web1", "initialised", "1")),
        Optional.empty(), Optional.empty());

    ModulePlan plan = planner.plan(d, moved);

    assertThat(resources(plan)).containsExactly("~ restic repository");
    assertThat(plan.changes().get(0).before()).isEqualTo("sftp:old@elsewhere:gardien/web1");
  }

  @Test
  void withoutABackupSpaceNothingIsPlannedAndOneCheckFails() {
    BackupDesired d = new BackupModule().desired(BackupFixtures.target(null, null,
        (name, length, owner) -> {
          throw new AssertionError("no secret is needed without a space: " + name);
        }));

    ModulePlan plan = planner.plan(d, bare());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("backup space");
      assertThat(c.passed()).isFalse();
      assertThat(c.actual()).isEqualTo("the Fleet has no backupSpace");
    });
  }

  @Test
  void anIncompleteSpaceSaysWhatIsMissing() {
    BackupDesired d = new BackupModule().desired(BackupFixtures.target(null,
        new FleetSpec.BackupSpace("backup.example.net", null, "u1", null, null), BackupFixtures.secrets(Map.of())));

    ModulePlan plan = planner.plan(d, bare());

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks().get(0).actual()).contains("host, user and hostKey");
  }

  @Test
  void disabledRemovesTimerUnitsScriptAndConfiguration() {
    BackupDesired on = desired();
    BackupDesired off = new BackupModule().desired(BackupFixtures.target(
        new BackupSpec(false, null, null, null, null), BackupFixtures.SPACE,
        (name, length, owner) -> {
          throw new AssertionError("a disabled backup needs no secret: " + name);
        }));

    ModulePlan plan = planner.plan(off, converged(on, NOW));

    assertThat(resources(plan)).containsExactly(
        "- timer gardien-backup.timer", "- files /etc/gardien/backup, /usr/local/lib/gardien/backup");
    assertThat(plan.changes().get(0).steps()).containsExactly(BackupPlanner.REMOVE_UNITS);
    assertThat(plan.changes().get(1).steps()).containsExactly(BackupPlanner.REMOVE_FILES);
    assertThat(plan.checks()).isEmpty();
    assertThat(planner.plan(off, bare()).changes()).isEmpty();
  }
}
