package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the desired backup with the facts. Pure.
 *
 * <p>Installed, in apply order: the script, the SSH key, the pinned host key, the settings, the
 * path list, the repository password (when it changes on an initialised repository, the
 * repository's key is re-encrypted with the new password first: {@code restic key passwd}), the
 * service and timer units, the timer enabled and running, and last the repository itself
 * ({@code backup init}: created when the space has none, which also proves the space accepts the
 * key). The secrets' changes are masked. The checks come from {@link BackupHealth}.
 *
 * <p>Without a usable backup space in the Fleet, nothing is planned and one failed check says why.
 * Disabled: the timer stopped and disabled, the units, script and configuration removed; the
 * repository on the space and the records in {@code /var/lib/gardien/backup} are left alone.
 */
final class BackupPlanner {
  static final String TIMER_RESOURCE = "timer " + BackupFiles.TIMER_UNIT;
  static final String REPOSITORY_RESOURCE = "restic repository";
  static final String REPLICAS_RESOURCE = "restic repository replicas";
  static final String SPACE_CHECK = "backup space";

  static final Step DAEMON_RELOAD = new Step.Run("systemctl daemon-reload\n");
  static final Step RESTART_TIMER_IF_ACTIVE = new Step.Run(
      "if systemctl is-active --quiet " + BackupFiles.TIMER_UNIT + "; then systemctl restart "
          + BackupFiles.TIMER_UNIT + "; fi\n");
  static final Step ENABLE_TIMER = new Step.Run(
      "systemctl unmask " + BackupFiles.TIMER_UNIT + "\nsystemctl enable --now " + BackupFiles.TIMER_UNIT + "\n");
  static final Step INIT = new Step.Run(BackupFiles.SCRIPT + " init\n");
  static final Step REMOVE_UNITS = new Step.Run(
      "systemctl disable --now " + BackupFiles.TIMER_UNIT + " 2>/dev/null || true\n"
          + "rm -f " + BackupFiles.TIMER + " " + BackupFiles.SERVICE + "\n"
          + "systemctl daemon-reload\n");
  static final Step REMOVE_FILES = new Step.Run(
      "rm -rf " + BackupFiles.CONFIG_DIR + "\nrm -f " + BackupFiles.SCRIPT + "\n");

  private static final Set<String> SECRET_FILES = Set.of(BackupFiles.KEY, BackupFiles.PASSWORD);

  private final BackupHealth health = new BackupHealth();

  ModulePlan plan(BackupDesired desired, BackupFacts facts) {
    if (!desired.enabled()) {
      return ModulePlan.of(planRemoval(facts));
    }
    if (desired.space().isEmpty()) {
      return ModulePlan.checksOnly(List.of(CheckResult.of(SPACE_CHECK, false,
          "a backupSpace in the Fleet with host, user and hostKey", desired.spaceProblem())));
    }
    BackupSpaceAccess space = desired.space().get();
    List<Change> changes = new ArrayList<>();
    for (Step.PutFile file : BackupFiles.all(desired)) {
      fileChange(file, facts, rekeyFirst(file, space, facts)).ifPresent(changes::add);
    }
    if (!facts.timerEnabled().equals("enabled") || !facts.timerActive().equals("active")) {
      changes.add(Change.update(TIMER_RESOURCE, describeTimer(facts), "enabled, active", List.of(ENABLE_TIMER)));
    }
    Optional<String> repository = facts.repository().map(r -> r.text("repository"));
    String replicas = String.join(" ", BackupFiles.replicas(desired, false));
    if (repository.isEmpty()) {
      changes.add(Change.add(REPOSITORY_RESOURCE, space.describe(), List.of(INIT)));
    } else if (!repository.get().equals(space.repository())) {
      changes.add(Change.update(REPOSITORY_RESOURCE, repository.get(), space.describe(), List.of(INIT)));
    } else if (!facts.repository().get().text("replicas").equals(replicas)) {
      // init creates each replica missing (with the primary's chunker parameters) and records them
      String before = facts.repository().get().text("replicas");
      changes.add(Change.update(REPLICAS_RESOURCE, before.isEmpty() ? "none" : before,
          replicas.isEmpty() ? "none" : replicas, List.of(INIT)));
    }
    return new ModulePlan(changes, health.checks(desired, facts), BackupHealth.readings(facts));
  }

  /**
   * Whether writing {@code file} must first give the repository's key the new password: the file is
   * the password, its content changes, and the repository it opens is the one Gardien wants.
   */
  private static boolean rekeyFirst(Step.PutFile file, BackupSpaceAccess space, BackupFacts facts) {
    FileFacts actual = facts.file(file.path());
    return file.path().equals(BackupFiles.PASSWORD)
        && actual.exists()
        && !actual.contentMatches(file.content())
        && facts.repository().map(r -> r.text("repository").equals(space.repository())).orElse(false);
  }

  /**
   * The step that changes the repository's password to the one on standard input, using the old
   * one in {@link BackupFiles#PASSWORD}.
   */
  static Step.Run rekey(String newPassword) {
    return new Step.Run(
        "umask 077\n"
            + "new=$(mktemp " + BackupFiles.CONFIG_DIR + "/password.new.XXXXXX)\n"
            + "trap 'rm -f \"$new\"' EXIT\n"
            + "cat >\"$new\"\n"
            + BackupFiles.SCRIPT + " restic key passwd --new-password-file \"$new\"\n",
        newPassword);
  }

  private Optional<Change> fileChange(Step.PutFile file, BackupFacts facts, boolean rekey) {
    FileFacts actual = facts.file(file.path());
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    if (rekey) {
      steps.add(rekey(file.content()));
    }
    steps.add(file);
    if (file.path().equals(BackupFiles.SERVICE)) {
      steps.add(DAEMON_RELOAD);
    } else if (file.path().equals(BackupFiles.TIMER)) {
      steps.add(DAEMON_RELOAD);
      steps.add(RESTART_TIMER_IF_ACTIVE);
    }
    String resource = "file " + file.path();
    String after = describe(file);
    Change change;
    if (!actual.exists()) {
      change = Change.add(resource, after, steps);
    } else if (actual.contentMatches(file.content())) {
      change = Change.update(resource, actual.attributes(), FileFacts.attributesOf(file), steps);
    } else {
      change = Change.update(resource, "edited or outdated (" + actual.attributes() + ")", after, steps);
    }
    return Optional.of(SECRET_FILES.contains(file.path()) ? change.masked() : change);
  }

  private static String describe(Step.PutFile file) {
    return switch (file.path()) {
      case BackupFiles.PATHS -> String.join(", ", file.content().strip().split("\n"));
      case BackupFiles.TIMER -> file.content().lines().filter(l -> l.startsWith("OnCalendar="))
          .findFirst().orElse("") + " (" + FileFacts.attributesOf(file) + ")";
      default -> FileFacts.attributesOf(file);
    };
  }

  private static String describeTimer(BackupFacts facts) {
    if (facts.timerEnabled().isEmpty() && !facts.file(BackupFiles.TIMER).exists()) {
      return "absent";
    }
    return (facts.timerEnabled().isEmpty() ? "unknown" : facts.timerEnabled()) + ", "
        + (facts.timerActive().isEmpty() ? "unknown" : facts.timerActive());
  }

  private static List<Change> planRemoval(BackupFacts facts) {
    List<Change> changes = new ArrayList<>();
    boolean units = facts.file(BackupFiles.TIMER).exists() || facts.file(BackupFiles.SERVICE).exists()
        || facts.timerEnabled().equals("enabled");
    if (units) {
      changes.add(Change.remove(TIMER_RESOURCE, describeTimer(facts), List.of(REMOVE_UNITS)));
    }
    List<String> present = new ArrayList<>();
    for (String path : BackupFiles.ALL) {
      if (!path.startsWith(BackupFiles.UNIT_DIR) && facts.file(path).exists()) {
        present.add(path);
      }
    }
    if (!present.isEmpty()) {
      changes.add(Change.remove("files " + BackupFiles.CONFIG_DIR + ", " + BackupFiles.SCRIPT,
          String.join(", ", present), List.of(REMOVE_FILES)));
    }
    return changes;
  }
}
