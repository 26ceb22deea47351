package com.conobium.gardien.modules.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change.Action;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimePlannerTest {
  private static final List<String> SERVERS = List.of("ntp1.example.net", "10.0.0.5");
  private static final TimeDesired DESIRED = new TimeDesired(SERVERS, "Europe/Paris");
  private static final Step.PutFile SOURCES = ChronySources.forServers(SERVERS);

  private static final FileFacts CONFIG_WRITTEN = FileFacts.written(ChronyConfig.file());

  private final TimePlanner planner = new TimePlanner();

  /** A bare-metal or VM server that is exactly as desired. */
  private static TimeFacts converged() {
    return new TimeFacts(
        true,
        FileFacts.written(SOURCES),
        SOURCES.content().strip(),
        "enabled",
        "active",
        "none",
        "/usr/share/zoneinfo/Europe/Paris",
        Optional.empty(),
        CONFIG_WRITTEN);
  }

  private static TimeFacts with(
      TimeFacts f, FileFacts sources, String content, String enabled, String active, String container,
      String localtime, Optional<String> timezoneFile) {
    return new TimeFacts(f.chronyInstalled(), sources, content, enabled, active, container, localtime, timezoneFile,
        f.configFile());
  }

  private ModulePlan plan(TimeFacts facts) {
    return planner.plan(DESIRED, facts);
  }

  @Test
  void convergedServerHasNoChanges() {
    assertThat(plan(converged()).changes()).isEmpty();
    assertThat(plan(converged()).checks()).isEmpty();
  }

  @Test
  void relativeLocaltimeLinkAndMatchingLegacyFileAreConverged() {
    TimeFacts f = converged();
    TimeFacts facts =
        with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "active", "none",
            "../usr/share/zoneinfo/Europe/Paris", Optional.of("Europe/Paris"));

    assertThat(plan(facts).changes()).isEmpty();
  }

  @Nested
  class Sources {
    @Test
    void missingFileIsWrittenValidatedAndReloaded() {
      TimeFacts f = converged();
      TimeFacts facts = with(f, FileFacts.absent(), "", "enabled", "active", "none", f.localtimeLink(), Optional.empty());

      List<Change> changes = plan(facts).changes();

      assertThat(changes).hasSize(1);
      Change change = changes.get(0);
      assertThat(change.resource()).isEqualTo("file /etc/chrony/sources.d/gardien.sources");
      assertThat(change.action()).isEqualTo(Action.ADD);
      assertThat(change.after()).isEqualTo("ntp1.example.net, 10.0.0.5");
      assertThat(change.steps())
          .containsExactly(
              new Step.Run("mkdir -p /etc/chrony/sources.d\n"),
              SOURCES,
              TimePlanner.RELOAD_IF_RUNNING);
      assertThat(SOURCES.content())
          .isEqualTo(
              "# Managed by Gardien: changes here are overwritten.\n"
                  + "server ntp1.example.net iburst\n"
                  + "server 10.0.0.5 iburst\n");
      assertThat(SOURCES.validate())
          .isEqualTo("chronyd -p -f /etc/chrony/sources.d/gardien.sources >/dev/null");
      assertThat(SOURCES.mode()).isEqualTo("0644");
      assertThat(((Step.Run) TimePlanner.RELOAD_IF_RUNNING).script())
          .isEqualTo(
              "if systemctl is-active --quiet chrony.service; then chronyc reload sources >/dev/null; fi\n");
    }

    @Test
    void otherServersAreReplaced() {
      Step.PutFile old = ChronySources.forServers(List.of("old.example.net"));
      TimeFacts f = converged();
      TimeFacts facts =
          with(f, FileFacts.written(old), old.content(), "enabled", "active", "none", f.localtimeLink(), Optional.empty());

      Change change = plan(facts).changes().get(0);

      assertThat(change.action()).isEqualTo(Action.CHANGE);
      assertThat(change.before()).isEqualTo("old.example.net");
      assertThat(change.after()).isEqualTo("ntp1.example.net, 10.0.0.5");
      assertThat(change.steps()).contains(SOURCES);
    }

    @Test
    void handEditedFileWithTheSameServersSaysEdited() {
      TimeFacts f = converged();
      TimeFacts facts =
          with(f, new FileFacts(true, "0bad", "644", "root", "root"),
              "server ntp1.example.net iburst minpoll 4\nserver 10.0.0.5", "enabled", "active", "none",
              f.localtimeLink(), Optional.empty());

      Change change = plan(facts).changes().get(0);

      assertThat(change.before()).isEqualTo("ntp1.example.net, 10.0.0.5 (edited)");
    }

    @Test
    void wrongModeIsShown() {
      TimeFacts f = converged();
      FileFacts wrongOwner = new FileFacts(true, FileFacts.sha256Hex(SOURCES.content()), "644", "_chrony", "root");
      TimeFacts facts = with(f, wrongOwner, f.sourcesContent(), "enabled", "active", "none", f.localtimeLink(), Optional.empty());

      Change change = plan(facts).changes().get(0);

      assertThat(change.before()).isEqualTo("ntp1.example.net, 10.0.0.5 (0644 _chrony:root)");
      assertThat(change.after()).isEqualTo("ntp1.example.net, 10.0.0.5 (0644 root:root)");
    }

    @Test
    void noServersIsAFileWithoutServers() {
      Step.PutFile empty = ChronySources.forServers(List.of());

      assertThat(empty.content()).isEqualTo("# Managed by Gardien: changes here are overwritten.\n");
      ModulePlan plan =
          planner.plan(new TimeDesired(List.of(), "Europe/Paris"), converged());
      assertThat(plan.changes().get(0).before()).isEqualTo("ntp1.example.net, 10.0.0.5");
      assertThat(plan.changes().get(0).after()).isEqualTo("no servers");
    }
  }

  @Nested
  class Timezone {
    @Test
    void otherZoneIsRelinked() {
      TimeFacts f = converged();
      TimeFacts facts =
          with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "active", "none",
              "/usr/share/zoneinfo/Etc/UTC", Optional.empty());

      List<Change> changes = plan(facts).changes();

      assertThat(changes).hasSize(1);
      Change change = changes.get(0);
      assertThat(change.resource()).isEqualTo("timezone");
      assertThat(change.action()).isEqualTo(Action.CHANGE);
      assertThat(change.before()).isEqualTo("Etc/UTC");
      assertThat(change.after()).isEqualTo("Europe/Paris");
      assertThat(((Step.Run) change.steps().get(0)).script())
          .startsWith("zone='Europe/Paris'\n")
          .contains("ln -sfn \"/usr/share/zoneinfo/$zone\" /etc/localtime\n")
          .contains("if [ -f /etc/timezone ]; then printf '%s\\n' \"$zone\" > /etc/timezone; fi\n")
          .contains("exit 1");
    }

    @Test
    void localtimeThatIsNoLinkIsUnset() {
      TimeFacts f = converged();
      TimeFacts facts = with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "active", "none", "", Optional.empty());

      assertThat(plan(facts).changes().get(0).before()).isEqualTo("unset");
    }

    @Test
    void staleLegacyTimezoneFileIsRewritten() {
      TimeFacts f = converged();
      TimeFacts facts =
          with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "active", "none", f.localtimeLink(),
              Optional.of("Etc/UTC"));

      Change change = plan(facts).changes().get(0);

      assertThat(change.resource()).isEqualTo("timezone");
      assertThat(change.before()).isEqualTo("Europe/Paris (/etc/timezone says Etc/UTC)");
    }
  }

  @Nested
  class Service {
    @Test
    void disabledIsEnabled() {
      TimeFacts f = converged();
      TimeFacts facts = with(f, f.sourcesFile(), f.sourcesContent(), "disabled", "active", "none", f.localtimeLink(), Optional.empty());

      List<Change> changes = plan(facts).changes();

      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).resource()).isEqualTo("service chrony enabled");
      assertThat(changes.get(0).before()).isEqualTo("disabled");
      assertThat(changes.get(0).after()).isEqualTo("enabled");
      assertThat(changes.get(0).steps())
          .containsExactly(new Step.Run("systemctl unmask chrony.service\nsystemctl enable chrony.service\n"));
    }

    @Test
    void stoppedIsStarted() {
      TimeFacts f = converged();
      TimeFacts facts = with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "failed", "none", f.localtimeLink(), Optional.empty());

      List<Change> changes = plan(facts).changes();

      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).resource()).isEqualTo("service chrony running");
      assertThat(changes.get(0).before()).isEqualTo("failed");
      assertThat(changes.get(0).after()).isEqualTo("active");
      assertThat(changes.get(0).steps()).containsExactly(new Step.Run("systemctl start chrony.service\n"));
    }

    @Test
    void notYetInstalledChronySaysSo() {
      TimeFacts facts =
          new TimeFacts(false, FileFacts.absent(), "", "", "inactive", "none", "/usr/share/zoneinfo/Etc/UTC", Optional.empty(), CONFIG_WRITTEN);

      ModulePlan plan = plan(facts);

      assertThat(plan.changes())
          .extracting(Change::resource)
          .containsExactly(
              "file /etc/chrony/sources.d/gardien.sources",
              "timezone",
              "service chrony enabled",
              "service chrony running");
      assertThat(plan.changes().get(2).before()).isEqualTo("not installed");
      assertThat(plan.changes().get(3).before()).isEqualTo("not installed");
    }
  }

  @Nested
  class InAContainer {
    private TimeFacts container(String enabled, String active) {
      TimeFacts f = converged();
      return with(f, f.sourcesFile(), f.sourcesContent(), enabled, active, "systemd-nspawn", f.localtimeLink(), Optional.empty());
    }

    @Test
    void theHostKeepsTimeSoAStoppedChronyIsConverged() {
      TimeFacts facts = container("enabled", "inactive");

      assertThat(facts.hostKeepsTime()).isTrue();
      assertThat(plan(facts).changes()).isEmpty();
    }

    @Test
    void chronyIsStillEnabledButNeverStarted() {
      List<Change> changes = plan(container("disabled", "inactive")).changes();

      assertThat(changes).extracting(Change::resource).containsExactly("service chrony enabled");
    }

    @Test
    void sourcesAndZoneAreStillManaged() {
      TimeFacts facts =
          new TimeFacts(true, FileFacts.absent(), "", "enabled", "inactive", "docker", "", Optional.empty(), CONFIG_WRITTEN);

      assertThat(plan(facts).changes())
          .extracting(Change::resource)
          .containsExactly("file /etc/chrony/sources.d/gardien.sources", "timezone");
    }
  }

  @Test
  void unknownVirtualisationIsTreatedAsNoContainer() {
    TimeFacts f = converged();
    TimeFacts facts = with(f, f.sourcesFile(), f.sourcesContent(), "enabled", "inactive", "", f.localtimeLink(), Optional.empty());

    assertThat(facts.hostKeepsTime()).isFalse();
    assertThat(plan(facts).changes()).extracting(Change::resource).containsExactly("service chrony running");
  }

  @Test
  void applyingThePlanConverges() {
    TimeFacts before =
        new TimeFacts(false, FileFacts.absent(), "", "", "inactive", "none", "", Optional.of("Etc/UTC"), CONFIG_WRITTEN);
    assertThat(plan(before).changes()).hasSize(4);

    TimeFacts after =
        new TimeFacts(true, FileFacts.written(SOURCES), SOURCES.content(), "enabled", "active", "none",
            "/usr/share/zoneinfo/Europe/Paris", Optional.of("Europe/Paris"), CONFIG_WRITTEN);

    assertThat(plan(after).changes()).isEmpty();
  }

  @Test
  void debiansChronyConfIsReplacedValidatedAndChronyRestartedWhenRunning() {
    TimeFacts debian = new TimeFacts(true, FileFacts.written(SOURCES), SOURCES.content().strip(), "enabled",
        "active", "none", "/usr/share/zoneinfo/Europe/Paris", Optional.empty(),
        new FileFacts(true, "0123", "644", "root", "root"));

    assertThat(plan(debian).changes()).singleElement().satisfies(c -> {
      assertThat(c.resource()).isEqualTo("file /etc/chrony/chrony.conf");
      assertThat(c.before()).isEqualTo("not Gardien's (Debian's pool, or edited)");
      assertThat(c.after()).isEqualTo("only the manifest's time servers");
      assertThat(c.steps()).containsExactly(ChronyConfig.file(), ChronyConfig.RESTART_IF_RUNNING);
      assertThat(((Step.PutFile) c.steps().get(0)).validate()).startsWith("chronyd -p -f /etc/chrony/chrony.conf");
      assertThat(((Step.PutFile) c.steps().get(0)).content()).doesNotContainPattern("(?m)^\\s*(pool|server) ");
    });
  }

  @Test
  void aMissingChronyConfIsPlannedFirstSoItFollowsThePackageInstall() {
    TimeFacts fresh = new TimeFacts(false, FileFacts.absent(), "", "", "", "none", "", Optional.empty(),
        FileFacts.absent());

    List<String> resources = plan(fresh).changes().stream().map(c -> c.resource()).toList();

    assertThat(resources.get(0)).isEqualTo("file /etc/chrony/chrony.conf");
    assertThat(plan(fresh).changes().get(0).action()).isEqualTo(com.conobium.gardien.modules.spi.Change.Action.ADD);
  }
}
