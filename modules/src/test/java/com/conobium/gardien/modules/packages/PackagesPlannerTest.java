package com.conobium.gardien.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change.Action;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PackagesPlannerTest {
  private static final Duration DAY = Duration.ofHours(24);
  private static final String PROXY = "http://10.0.0.1:3142";

  private final PackagesPlanner planner = new PackagesPlanner();

  private static PackagesDesired desired(List<String> install, List<String> remove, String proxy) {
    return new PackagesDesired(install, remove, Optional.ofNullable(proxy), DAY);
  }

  private static PackagesFacts facts(Set<String> installed, Set<String> configOnly, Duration age) {
    return new PackagesFacts(
        installed, configOnly, Optional.ofNullable(age), FileFacts.absent(), "");
  }

  private static PackagesFacts withProxyFile(PackagesFacts facts, Step.PutFile file) {
    return new PackagesFacts(
        facts.installed(),
        facts.configFilesOnly(),
        facts.listsAge(),
        FileFacts.written(file),
        file.content().strip());
  }

  private static String script(Step step) {
    return ((Step.Run) step).script();
  }

  @Test
  void convergedServerHasNoChanges() {
    PackagesDesired desired = desired(List.of("nginx", "curl"), List.of("telnet"), PROXY);
    PackagesFacts facts =
        withProxyFile(
            facts(Set.of("nginx", "curl", "bash"), Set.of(), Duration.ofDays(30)),
            AptProxyFile.forProxy(PROXY));

    ModulePlan plan = planner.plan(desired, facts);

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).isEmpty();
  }

  @Test
  void nothingDesiredNothingToDo() {
    assertThat(planner.plan(desired(List.of(), List.of(), null), facts(Set.of(), Set.of(), null)).changes())
        .isEmpty();
  }

  @Nested
  class Install {
    @Test
    void missingPackagesAreInstalledInOneRunNamedExactly() {
      PackagesDesired desired = desired(List.of("nginx", "curl", "bash"), List.of(), null);

      ModulePlan plan =
          planner.plan(desired, facts(Set.of("bash"), Set.of(), Duration.ofHours(1)));

      assertThat(plan.changes()).hasSize(1);
      Change change = plan.changes().get(0);
      assertThat(change.resource()).isEqualTo("packages curl, nginx");
      assertThat(change.action()).isEqualTo(Action.ADD);
      assertThat(change.before()).isNull();
      assertThat(change.after()).isEqualTo("installed");
      assertThat(change.sensitive()).isFalse();
      assertThat(change.steps()).hasSize(1);
      assertThat(script(change.steps().get(0)))
          .contains(
              "apt_get"
                  + " --no-install-recommends -o Dpkg::Options::=--force-confdef"
                  + " -o Dpkg::Options::=--force-confold install 'curl' 'nginx' 2>\"$err\"\n");
    }

    @Test
    void freshListsAreNotUpdated() {
      ModulePlan plan =
          planner.plan(desired(List.of("curl"), List.of(), null), facts(Set.of(), Set.of(), DAY));

      assertThat(plan.changes().get(0).steps()).hasSize(1);
    }

    @Test
    void staleListsAreUpdatedFirst() {
      ModulePlan plan =
          planner.plan(
              desired(List.of("curl"), List.of(), null),
              facts(Set.of(), Set.of(), DAY.plusSeconds(1)));

      List<Step> steps = plan.changes().get(0).steps();
      assertThat(steps).hasSize(2);
      assertThat(script(steps.get(0)))
          .contains("apt-get")
          .contains("-o APT::Update::Error-Mode=any update")
          .contains("touch /var/lib/apt/periodic/update-success-stamp");
      assertThat(script(steps.get(1))).contains(" install 'curl'");
    }

    @Test
    void neverFetchedListsAreUpdatedFirst() {
      ModulePlan plan =
          planner.plan(desired(List.of("curl"), List.of(), null), facts(Set.of(), Set.of(), null));

      assertThat(plan.changes().get(0).steps()).hasSize(2);
      assertThat(script(plan.changes().get(0).steps().get(0))).contains(" update");
    }

    @Test
    void configFilesOnlyIsNotInstalled() {
      ModulePlan plan =
          planner.plan(
              desired(List.of("nginx"), List.of(), null), facts(Set.of(), Set.of("nginx"), DAY));

      assertThat(plan.changes()).extracting(Change::resource).containsExactly("packages nginx");
    }

    @Test
    void staleListsAloneAreNoDrift() {
      ModulePlan plan =
          planner.plan(
              desired(List.of("curl"), List.of("telnet"), null),
              facts(Set.of("curl"), Set.of(), null));

      assertThat(plan.changes()).isEmpty();
    }
  }

  @Nested
  class Purge {
    @Test
    void installedUnwantedPackagesArePurgedInOneRun() {
      ModulePlan plan =
          planner.plan(
              desired(List.of(), List.of("telnet", "ftp", "rsh-client"), null),
              facts(Set.of("telnet", "ftp", "bash"), Set.of(), DAY));

      assertThat(plan.changes()).hasSize(1);
      Change change = plan.changes().get(0);
      assertThat(change.resource()).isEqualTo("packages ftp, telnet");
      assertThat(change.action()).isEqualTo(Action.REMOVE);
      assertThat(change.before()).isEqualTo("installed");
      assertThat(change.after()).isNull();
      assertThat(change.steps()).hasSize(1);
      assertThat(script(change.steps().get(0)))
          .isEqualTo(AptCommands.APT_GET_FUNCTION + "apt_get purge 'ftp' 'telnet'\n");
    }

    @Test
    void leftConfigurationFilesArePurgedToo() {
      ModulePlan plan =
          planner.plan(
              desired(List.of(), List.of("apache2"), null),
              facts(Set.of(), Set.of("apache2"), DAY));

      Change change = plan.changes().get(0);
      assertThat(change.resource()).isEqualTo("packages apache2");
      assertThat(change.before()).isEqualTo("configuration files left");
      assertThat(script(change.steps().get(0))).endsWith(" purge 'apache2'\n");
    }

    @Test
    void mixedStatesAreSpelledOut() {
      ModulePlan plan =
          planner.plan(
              desired(List.of(), List.of("telnet", "apache2"), null),
              facts(Set.of("telnet"), Set.of("apache2"), DAY));

      Change change = plan.changes().get(0);
      assertThat(change.resource()).isEqualTo("packages apache2, telnet");
      assertThat(change.before())
          .isEqualTo("installed: telnet; configuration files left: apache2");
      assertThat(script(change.steps().get(0))).endsWith(" purge 'apache2' 'telnet'\n");
    }

    @Test
    void purgingDoesNotNeedFreshLists() {
      ModulePlan plan =
          planner.plan(desired(List.of(), List.of("telnet"), null), facts(Set.of("telnet"), Set.of(), null));

      assertThat(plan.changes().get(0).steps()).hasSize(1);
    }
  }

  @Nested
  class Proxy {
    private final Step.PutFile file = AptProxyFile.forProxy(PROXY);

    @Test
    void missingProxyFileIsWritten() {
      ModulePlan plan =
          planner.plan(desired(List.of(), List.of(), PROXY), facts(Set.of(), Set.of(), DAY));

      Change change = plan.changes().get(0);
      assertThat(change.resource()).isEqualTo("file /etc/apt/apt.conf.d/00gardien-proxy");
      assertThat(change.action()).isEqualTo(Action.ADD);
      assertThat(change.after()).isEqualTo(PROXY);
      assertThat(change.steps()).containsExactly(file);
      assertThat(file.content())
          .isEqualTo(
              "// Managed by Gardien: changes here are overwritten.\n"
                  + "Acquire::http::Proxy \"http://10.0.0.1:3142\";\n");
      assertThat(file.mode()).isEqualTo("0644");
      assertThat(file.owner()).isEqualTo("root");
      assertThat(file.group()).isEqualTo("root");
      assertThat(file.validate()).isEqualTo("apt-config dump >/dev/null");
    }

    @Test
    void otherProxyIsReplaced() {
      PackagesFacts facts =
          withProxyFile(facts(Set.of(), Set.of(), DAY), AptProxyFile.forProxy("http://old:3142"));

      Change change = planner.plan(desired(List.of(), List.of(), PROXY), facts).changes().get(0);

      assertThat(change.action()).isEqualTo(Action.CHANGE);
      assertThat(change.before()).isEqualTo("http://old:3142");
      assertThat(change.after()).isEqualTo(PROXY);
      assertThat(change.steps()).containsExactly(file);
    }

    @Test
    void handEditedContentIsShownAsSuch() {
      PackagesFacts facts =
          new PackagesFacts(
              Set.of(), Set.of(), Optional.of(DAY), new FileFacts(true, "0bad", "644", "root", "root"), "# hand made");

      Change change = planner.plan(desired(List.of(), List.of(), PROXY), facts).changes().get(0);

      assertThat(change.before()).isEqualTo("other content");
    }

    @Test
    void wrongModeIsFixedAndShown() {
      FileFacts wrongMode =
          new FileFacts(true, FileFacts.sha256Hex(file.content()), "600", "root", "root");
      PackagesFacts facts =
          new PackagesFacts(Set.of(), Set.of(), Optional.of(DAY), wrongMode, file.content().strip());

      Change change = planner.plan(desired(List.of(), List.of(), PROXY), facts).changes().get(0);

      assertThat(change.action()).isEqualTo(Action.CHANGE);
      assertThat(change.before()).isEqualTo(PROXY + " (0600 root:root)");
      assertThat(change.after()).isEqualTo(PROXY + " (0644 root:root)");
      assertThat(change.steps()).containsExactly(file);
    }

    @Test
    void unsetProxyRemovesOnlyGardiensFile() {
      PackagesFacts facts = withProxyFile(facts(Set.of(), Set.of(), DAY), file);

      Change change = planner.plan(desired(List.of(), List.of(), null), facts).changes().get(0);

      assertThat(change.action()).isEqualTo(Action.REMOVE);
      assertThat(change.before()).isEqualTo(PROXY);
      assertThat(change.after()).isNull();
      assertThat(change.steps())
          .containsExactly(new Step.Run("rm -f /etc/apt/apt.conf.d/00gardien-proxy\n"));
    }

    @Test
    void unsetProxyWithoutFileIsNoDrift() {
      assertThat(
              planner.plan(desired(List.of(), List.of(), null), facts(Set.of(), Set.of(), DAY)).changes())
          .isEmpty();
    }
  }

  @Test
  void everyKindOfDriftInApplyOrder() {
    ModulePlan plan =
        planner.plan(
            desired(List.of("nginx"), List.of("telnet"), PROXY),
            facts(Set.of("telnet"), Set.of(), null));

    assertThat(plan.changes())
        .extracting(Change::resource)
        .containsExactly(
            "file /etc/apt/apt.conf.d/00gardien-proxy", "packages nginx", "packages telnet");
    assertThat(plan.changes())
        .extracting(Change::action)
        .containsExactly(Action.ADD, Action.ADD, Action.REMOVE);
  }

  @Test
  void planIsDeterministicWhateverTheInputOrder() {
    PackagesFacts facts = facts(Set.of("b2", "y2"), Set.of(), DAY);

    ModulePlan one = planner.plan(desired(List.of("cc", "aa", "bb"), List.of("z2", "y2", "b2"), null), facts);
    ModulePlan two = planner.plan(desired(List.of("bb", "cc", "aa", "aa"), List.of("b2", "z2", "y2"), null), facts);

    assertThat(one).isEqualTo(two);
    assertThat(one.changes()).extracting(Change::resource).containsExactly("packages aa, bb, cc", "packages b2, y2");
  }

  @Test
  void applyingThePlanConverges() {
    PackagesDesired desired = desired(List.of("nginx", "curl"), List.of("telnet"), PROXY);
    PackagesFacts before = facts(Set.of("telnet"), Set.of(), null);
    planner.plan(desired, before);

    // what the probe reports once the steps ran
    PackagesFacts after =
        withProxyFile(facts(Set.of("nginx", "curl"), Set.of(), Duration.ZERO), AptProxyFile.forProxy(PROXY));

    assertThat(planner.plan(desired, after).changes()).isEmpty();
  }
}
