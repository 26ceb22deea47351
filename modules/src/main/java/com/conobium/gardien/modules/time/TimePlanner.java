package com.conobium.gardien.modules.time;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares desired time keeping with the facts. Pure. Changes, in apply order:
 *
 * <ol>
 *   <li>chrony's configuration without Debian's pool, restarting a running chronyd;
 *   <li>the chrony sources file, reloaded into a running chronyd;
 *   <li>the time zone ({@code /etc/localtime}, and {@code /etc/timezone} where it still exists);
 *   <li>chrony enabled at boot;
 *   <li>chrony running — except in a container, where the host keeps the clock and chronyd refuses
 *       to start, so that change could never converge.
 * </ol>
 */
final class TimePlanner {
  static final String CONFIG_RESOURCE = "file " + ChronyConfig.PATH;
  static final String SOURCES_RESOURCE = "file " + ChronySources.PATH;
  static final String TIMEZONE_RESOURCE = "timezone";
  static final String ENABLED_RESOURCE = "service chrony enabled";
  static final String RUNNING_RESOURCE = "service chrony running";

  static final Step RELOAD_IF_RUNNING =
      new Step.Run(
          "if systemctl is-active --quiet chrony.service; then chronyc reload sources >/dev/null; fi\n");

  ModulePlan plan(TimeDesired desired, TimeFacts facts) {
    List<Change> changes = new ArrayList<>();
    configChange(facts).ifPresent(changes::add);
    sourcesChange(desired, facts).ifPresent(changes::add);
    timezoneChange(desired, facts).ifPresent(changes::add);
    enabledChange(facts).ifPresent(changes::add);
    if (!facts.hostKeepsTime()) {
      runningChange(facts).ifPresent(changes::add);
    }
    return ModulePlan.of(changes);
  }

  private Optional<Change> configChange(TimeFacts facts) {
    Step.PutFile file = ChronyConfig.file();
    FileFacts actual = facts.configFile();
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps = List.of(file, ChronyConfig.RESTART_IF_RUNNING);
    String after = "only the manifest's time servers";
    if (!actual.exists()) {
      return Optional.of(Change.add(CONFIG_RESOURCE, after, steps));
    }
    String before = actual.contentMatches(file.content())
        ? "Gardien's (" + actual.attributes() + ")"
        : "not Gardien's (Debian's pool, or edited)";
    return Optional.of(Change.update(CONFIG_RESOURCE, before, after, steps));
  }

  private Optional<Change> sourcesChange(TimeDesired desired, TimeFacts facts) {
    Step.PutFile file = ChronySources.forServers(desired.servers());
    FileFacts actual = facts.sourcesFile();
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps =
        List.of(new Step.Run("mkdir -p " + ChronySources.DIRECTORY + "\n"), file, RELOAD_IF_RUNNING);
    String after = ChronySources.describe(desired.servers());
    if (!actual.exists()) {
      return Optional.of(Change.add(SOURCES_RESOURCE, after, steps));
    }
    String before = ChronySources.describe(facts.sourcesContent());
    if (actual.contentMatches(file.content())) {
      before += " (" + actual.attributes() + ")";
      after += " (" + FileFacts.attributesOf(file) + ")";
    } else if (before.equals(after)) {
      before += " (edited)";
    }
    return Optional.of(Change.update(SOURCES_RESOURCE, before, after, steps));
  }

  private Optional<Change> timezoneChange(TimeDesired desired, TimeFacts facts) {
    String zone = desired.timezone();
    boolean linkOk = facts.timezone().filter(zone::equals).isPresent();
    boolean legacyFileOk = facts.timezoneFile().map(zone::equals).orElse(true);
    if (linkOk && legacyFileOk) {
      return Optional.empty();
    }
    String before = facts.timezone().orElse("unset");
    if (linkOk) {
      before += " (/etc/timezone says " + facts.timezoneFile().orElse("") + ")";
    }
    String quoted = Shell.quote(zone);
    String script =
        "zone="
            + quoted
            + "\n"
            + "if [ ! -f \"/usr/share/zoneinfo/$zone\" ]; then\n"
            + "  echo \"unknown time zone $zone (is tzdata, or tzdata-legacy for old names, installed?)\" >&2\n"
            + "  exit 1\n"
            + "fi\n"
            + "ln -sfn \"/usr/share/zoneinfo/$zone\" /etc/localtime\n"
            + "if [ -f /etc/timezone ]; then printf '%s\\n' \"$zone\" > /etc/timezone; fi\n";
    return Optional.of(
        Change.update(TIMEZONE_RESOURCE, before, zone, List.of(new Step.Run(script))));
  }

  private Optional<Change> enabledChange(TimeFacts facts) {
    if (facts.serviceEnabled().equals("enabled")) {
      return Optional.empty();
    }
    return Optional.of(
        Change.update(
            ENABLED_RESOURCE,
            describeUnitState(facts.serviceEnabled(), facts),
            "enabled",
            List.of(
                new Step.Run(
                    "systemctl unmask chrony.service\nsystemctl enable chrony.service\n"))));
  }

  private Optional<Change> runningChange(TimeFacts facts) {
    if (facts.serviceActive().equals("active")) {
      return Optional.empty();
    }
    return Optional.of(
        Change.update(
            RUNNING_RESOURCE,
            describeUnitState(facts.serviceActive(), facts),
            "active",
            List.of(new Step.Run("systemctl start chrony.service\n"))));
  }

  private static String describeUnitState(String state, TimeFacts facts) {
    if (!facts.chronyInstalled()) {
      return "not installed";
    }
    return state.isEmpty() ? "unknown" : state;
  }
}
