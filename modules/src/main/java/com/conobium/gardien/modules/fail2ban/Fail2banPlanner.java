package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Compares desired fail2ban with the facts. Pure.
 *
 * <p>When enabled, changes in apply order: Gardien's jail file (validated with the whole
 * configuration, then reloaded into a running fail2ban), the service enabled at boot, the service
 * running. A jail whose log file does not exist yet (the nginx jails before nginx is installed) is
 * left out of the file, because fail2ban refuses to start with it; it is reported as a passed
 * check whose actual value says it waits for its file — a note, not a failure, since a server of
 * the standard offer is in that state until the web module installs nginx. The next reconcile after
 * the file appears plans the jail in.
 *
 * <p>When disabled: the service stopped, disabled at boot, and Gardien's file removed. The package
 * stays installed (removing packages is the packages module's business).
 */
final class Fail2banPlanner {
  static final String FILE_RESOURCE = "file " + GardienJailFile.PATH;
  static final String ENABLED_RESOURCE = "service fail2ban enabled";
  static final String RUNNING_RESOURCE = "service fail2ban running";
  static final String UNIT = "fail2ban.service";

  /**
   * Applies a new jail file to a running fail2ban. A plain {@code fail2ban-client reload} (1.1.0 on
   * Debian 13) leaves a jail whose ban action changed with no action at all — it still lists bans
   * but blocks nothing — so the jails are restarted; their bans are restored from fail2ban's
   * database.
   */
  static final Step RELOAD_IF_RUNNING =
      new Step.Run(
          "if systemctl is-active --quiet " + UNIT + "; then\n"
              + "  fail2ban-client reload --restart >/dev/null\n"
              + "fi\n");
  static final Step ENABLE = new Step.Run("systemctl unmask " + UNIT + "\nsystemctl enable " + UNIT + "\n");
  static final Step START = new Step.Run("systemctl start " + UNIT + "\n");
  static final Step STOP = new Step.Run("systemctl stop " + UNIT + "\n");
  static final Step DISABLE = new Step.Run("systemctl disable " + UNIT + "\n");
  static final Step REMOVE_FILE = new Step.Run("rm -f " + GardienJailFile.PATH + "\n");

  private static final Set<String> RUNNING_STATES = Set.of("active", "activating", "reloading");

  ModulePlan plan(Fail2banDesired desired, Fail2banFacts facts) {
    return desired.enabled() ? planEnabled(desired, facts) : planDisabled(facts);
  }

  /** The desired jails whose log file exists (or that need none), in manifest order. */
  static List<String> activeJails(Fail2banDesired desired, Predicate<String> logFileExists) {
    return desired.jails().stream()
        .filter(jail -> JailLogFiles.of(jail).map(logFileExists::test).orElse(true))
        .toList();
  }

  /** The jail file's text, controller address left open, on a server where the nginx error log exists or not. */
  static String wantedTemplate(Fail2banDesired desired, boolean nginxErrorLogExists) {
    boolean nginxLog = nginxErrorLogExists || desired.nginxManaged();
    return GardienJailFile.template(desired,
        activeJails(desired, file -> file.equals(JailLogFiles.NGINX_ERROR_LOG) && nginxLog));
  }

  /** The jail file wanted on a server with these facts. */
  static Step.PutFile wantedFile(Fail2banDesired desired, Fail2banFacts facts) {
    return GardienJailFile.file(wantedTemplate(desired, facts.nginxErrorLogExists()), facts.controller());
  }

  private ModulePlan planEnabled(Fail2banDesired desired, Fail2banFacts facts) {
    List<String> jails = activeJails(desired,
        file -> facts.logFileExists(file) || (desired.nginxManaged() && file.equals(JailLogFiles.NGINX_ERROR_LOG)));
    List<Change> changes = new ArrayList<>();
    // the same file the probe compares the server's with
    fileChange(wantedFile(desired, facts), facts).ifPresent(changes::add);
    if (!facts.unitFileState().equals("enabled")) {
      changes.add(Change.update(ENABLED_RESOURCE, describe(facts.unitFileState(), facts), "enabled", List.of(ENABLE)));
    }
    if (!facts.activeState().equals("active")) {
      changes.add(Change.update(RUNNING_RESOURCE, describe(facts.activeState(), facts), "active", List.of(START)));
    }
    List<CheckResult> checks = new ArrayList<>();
    for (String jail : desired.jails()) {
      if (!jails.contains(jail)) {
        String file = JailLogFiles.of(jail).orElseThrow();
        checks.add(CheckResult.of("fail2ban jail " + jail, true, "enabled once " + file + " exists",
            "waiting for " + file));
      }
    }
    return new ModulePlan(changes, checks);
  }

  private Optional<Change> fileChange(Step.PutFile file, Fail2banFacts facts) {
    FileFacts actual = facts.jailFile();
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps = List.of(file, RELOAD_IF_RUNNING);
    JailSettings wanted = JailSettings.parse(file.content());
    if (!actual.exists()) {
      return Optional.of(Change.add(FILE_RESOURCE, wanted.describe(), steps));
    }
    JailSettings found = facts.jailFileContent().map(JailSettings::parse).orElse(wanted);
    String before = found.describeDifferencesFrom(wanted);
    String after = wanted.describeDifferencesFrom(found);
    if (before.isEmpty()) {
      before = found.describe();
      after = wanted.describe();
      if (actual.contentMatches(file.content())) {
        before += " (" + actual.attributes() + ")";
        after += " (" + FileFacts.attributesOf(file) + ")";
      } else {
        before += " (edited)";
      }
    }
    return Optional.of(Change.update(FILE_RESOURCE, before, after, steps));
  }

  private ModulePlan planDisabled(Fail2banFacts facts) {
    List<Change> changes = new ArrayList<>();
    if (RUNNING_STATES.contains(facts.activeState())) {
      changes.add(Change.update(RUNNING_RESOURCE, facts.activeState(), "inactive", List.of(STOP)));
    }
    if (facts.unitFileState().equals("enabled")) {
      changes.add(Change.update(ENABLED_RESOURCE, "enabled", "disabled", List.of(DISABLE)));
    }
    if (facts.jailFile().exists()) {
      changes.add(Change.remove(FILE_RESOURCE, facts.jailFileContent().map(JailSettings::parse).orElse(JailSettings.parse("")).describe(),
          List.of(REMOVE_FILE)));
    }
    return ModulePlan.of(changes);
  }

  private static String describe(String state, Fail2banFacts facts) {
    if (!facts.installed()) {
      return "not installed";
    }
    return state.isEmpty() ? "unknown" : state;
  }
}
