package com.conobium.gardien.modules.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.Fail2banSpec;
import com.conobium.gardien.modules.spi.Change.Action;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Fail2banPlannerTest {
  private static final List<String> OFFER_JAILS =
      List.of("sshd", "nginx-http-auth", "nginx-botsearch", "nginx-limit-req");
  private static final Fail2banDesired DESIRED =
      new Fail2banDesired(true, OFFER_JAILS, 6, "10m", "1h", List.of("198.51.100.0/24", "2001:db8::1"), 2222);

  /** The address the servers of these tests see Gardien come from. */
  private static final String CONTROLLER = "198.18.7.1";

  private final Fail2banPlanner planner = new Fail2banPlanner();

  /** A server converged to {@code desired}, as a probe for another desired state reports it. */
  private static Fail2banFacts converged(Fail2banDesired desired, boolean nginxLog) {
    Fail2banFacts bare = new Fail2banFacts(true, FileFacts.absent(), Optional.empty(), "enabled", "active", nginxLog,
        CONTROLLER);
    Step.PutFile file = Fail2banPlanner.wantedFile(desired, bare);
    return withFile(bare, FileFacts.written(file), file.content());
  }

  private static Fail2banFacts withFile(Fail2banFacts f, FileFacts file, String content) {
    return new Fail2banFacts(f.installed(), file, Optional.ofNullable(content), f.unitFileState(), f.activeState(),
        f.nginxErrorLogExists(), f.controller());
  }

  private static Fail2banFacts withUnit(Fail2banFacts f, String unitFileState, String activeState) {
    return new Fail2banFacts(f.installed(), f.jailFile(), f.jailFileContent(), unitFileState, activeState,
        f.nginxErrorLogExists(), f.controller());
  }

  @Nested
  class Rendering {
    @Test
    void goldenFileWithoutNginxLog() {
      Step.PutFile file = GardienJailFile.render(DESIRED, List.of("sshd"), CONTROLLER);

      assertThat(file.path()).isEqualTo("/etc/fail2ban/jail.d/gardien.local");
      assertThat(file.mode()).isEqualTo("0644");
      assertThat(file.owner()).isEqualTo("root");
      assertThat(file.group()).isEqualTo("root");
      assertThat(file.validate()).isEqualTo("fail2ban-client -t");
      assertThat(file.content()).isEqualTo("""
          # Managed by Gardien: changes here are overwritten.
          [DEFAULT]
          maxretry = 6
          findtime = 10m
          bantime = 1h
          ignoreip = 127.0.0.1/8 ::1 198.51.100.0/24 2001:db8::1 198.18.7.1
          banaction = nftables-multiport
          banaction_allports = nftables-allports
          backend = systemd

          [sshd]
          enabled = true
          port = 2222
          mode = aggressive
          journalmatch = _SYSTEMD_UNIT=ssh.service + _COMM=sshd + _COMM=sshd-session
          """);
    }

    @Test
    void goldenFileWithNginxJails() {
      Step.PutFile file = GardienJailFile.render(DESIRED, OFFER_JAILS, CONTROLLER);

      assertThat(file.content()).endsWith("""
          [sshd]
          enabled = true
          port = 2222
          mode = aggressive
          journalmatch = _SYSTEMD_UNIT=ssh.service + _COMM=sshd + _COMM=sshd-session

          [nginx-http-auth]
          enabled = true
          backend = auto
          logpath = /var/log/nginx/error.log

          [nginx-botsearch]
          enabled = true
          backend = auto
          logpath = /var/log/nginx/error.log

          [nginx-limit-req]
          enabled = true
          backend = auto
          logpath = /var/log/nginx/error.log
          """);
    }

    @Test
    void theNginxJailsReadEverySitesLogsAndTheScanJailItsAccessLogs() {
      Fail2banDesired desired = new Fail2banDesired(true, List.of("nginx-http-auth", "nginx-scan"), 6, "10m", "1h",
          List.of(), 2222, true, List.of(), List.of("/srv/www/shop/logs", "/srv/www/blog/logs"));

      String content = GardienJailFile.render(desired, desired.jails(), CONTROLLER).content();

      assertThat(content).contains("""
          [nginx-http-auth]
          enabled = true
          backend = auto
          logpath = /var/log/nginx/error.log
                    /srv/www/shop/logs/error.log
                    /srv/www/blog/logs/error.log
          """);
      assertThat(content).contains("""
          [nginx-scan]
          enabled = true
          port = http,https
          backend = auto
          # no filter file: the rule is this jail's own
          filter =
          """).endsWith("""
          datepattern = ^[^\\[]*\\[({DATE})
                        {^LN-BEG}
          logpath = /var/log/nginx/access.log
                    /srv/www/shop/logs/access.log
                    /srv/www/blog/logs/access.log
          """);
      assertThat(content).contains("failregex = ^<HOST> - \\S+ \\[\\] \"[A-Z]+ [^\"]*?(?i:wp-login\\.php|xmlrpc\\.php|");
    }

    @Test
    void theFleetsControllerAddressesReplaceTheOneTheServerSees() {
      Fail2banDesired desired = new Fail2banDesired(true, List.of("sshd"), 6, "10m", "1h", List.of("198.51.100.7"),
          22, false, List.of("198.18.0.0/24", "2001:db8::/64"), List.of());

      assertThat(GardienJailFile.template(desired, desired.jails())).doesNotContain(GardienJailFile.CONTROLLER);
      assertThat(GardienJailFile.render(desired, desired.jails(), CONTROLLER).content())
          .contains("ignoreip = 127.0.0.1/8 ::1 198.51.100.7 198.18.0.0/24 2001:db8::/64\n");
      assertThat(GardienJailFile.splitAtController(GardienJailFile.template(desired, desired.jails()))[1]).isEmpty();
    }

    @Test
    void withoutSshdTheDebianDefaultJailIsDisabled() {
      Fail2banDesired desired = new Fail2banDesired(true, List.of("recidive"), 3, "1d", "1w", List.of(), 22);

      String content = GardienJailFile.render(desired, desired.jails(), CONTROLLER).content();

      assertThat(content).endsWith("""
          ignoreip = 127.0.0.1/8 ::1 198.18.7.1
          banaction = nftables-multiport
          banaction_allports = nftables-allports
          backend = systemd

          [sshd]
          enabled = false

          [recidive]
          enabled = true
          """);
    }

    @Test
    void renderingIsDeterministic() {
      assertThat(GardienJailFile.render(DESIRED, OFFER_JAILS, CONTROLLER))
          .isEqualTo(GardienJailFile.render(DESIRED, List.copyOf(OFFER_JAILS), CONTROLLER));
    }

    @Test
    void settingsAreParsedBackFromTheFile() {
      JailSettings settings = JailSettings.parse(GardienJailFile.render(DESIRED, List.of("sshd"), CONTROLLER).content());

      assertThat(settings.describe()).isEqualTo(
          "jails sshd; maxretry 6; findtime 10m; bantime 1h; "
              + "ignoreip 127.0.0.1/8 ::1 198.51.100.0/24 2001:db8::1 198.18.7.1; sshd port 2222");
    }
  }

  @Test
  void convergedServerHasNoChangesAndNotesTheJailsWaitingForNginx() {
    ModulePlan plan = planner.plan(DESIRED, converged(DESIRED, false));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasFailedChecks()).isFalse();
    assertThat(plan.checks()).containsExactly(
        CheckResult.of("fail2ban jail nginx-http-auth", true,
            "enabled once /var/log/nginx/error.log exists", "waiting for /var/log/nginx/error.log"),
        CheckResult.of("fail2ban jail nginx-botsearch", true,
            "enabled once /var/log/nginx/error.log exists", "waiting for /var/log/nginx/error.log"),
        CheckResult.of("fail2ban jail nginx-limit-req", true,
            "enabled once /var/log/nginx/error.log exists", "waiting for /var/log/nginx/error.log"));
  }

  @Test
  void convergedServerWhoseProbeOmittedTheWantedTextHasNoChanges() {
    ModulePlan plan = planner.plan(DESIRED, withFile(converged(DESIRED, false), converged(DESIRED, false).jailFile(), null));

    assertThat(plan.changes()).isEmpty();
  }

  @Test
  void convergedServerWithNginxHasNoChangesAndNoNotes() {
    ModulePlan plan = planner.plan(DESIRED, converged(DESIRED, true));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).isEmpty();
  }

  @Nested
  class JailFile {
    @Test
    void freshInstallWritesValidatesReloadsEnablesAndStarts() {
      Fail2banFacts bare = new Fail2banFacts(false, FileFacts.absent(), Optional.empty(), "", "inactive", false, CONTROLLER);

      List<Change> changes = planner.plan(DESIRED, bare).changes();

      assertThat(changes).extracting(Change::resource).containsExactly(
          "file /etc/fail2ban/jail.d/gardien.local", "service fail2ban enabled", "service fail2ban running");
      Change file = changes.get(0);
      assertThat(file.action()).isEqualTo(Action.ADD);
      assertThat(file.after()).isEqualTo(
          "jails sshd; maxretry 6; findtime 10m; bantime 1h; "
              + "ignoreip 127.0.0.1/8 ::1 198.51.100.0/24 2001:db8::1 198.18.7.1; sshd port 2222");
      assertThat(file.steps()).containsExactly(
          GardienJailFile.render(DESIRED, List.of("sshd"), CONTROLLER), Fail2banPlanner.RELOAD_IF_RUNNING);
      assertThat(changes.get(1).before()).isEqualTo("not installed");
      assertThat(changes.get(1).steps()).containsExactly(Fail2banPlanner.ENABLE);
      assertThat(changes.get(2).before()).isEqualTo("not installed");
      assertThat(changes.get(2).after()).isEqualTo("active");
      assertThat(changes.get(2).steps()).containsExactly(Fail2banPlanner.START);
    }

    @Test
    void nginxLogAppearingAddsItsJailsAndShowsOnlyWhatDiffers() {
      Fail2banFacts before = converged(DESIRED, false);
      Fail2banFacts nginxNow = new Fail2banFacts(true, before.jailFile(), before.jailFileContent(), "enabled",
          "active", true, CONTROLLER);

      List<Change> changes = planner.plan(DESIRED, nginxNow).changes();

      assertThat(changes).hasSize(1);
      assertThat(changes.get(0).action()).isEqualTo(Action.CHANGE);
      assertThat(changes.get(0).before()).isEqualTo("jails sshd");
      assertThat(changes.get(0).after()).isEqualTo("jails sshd, nginx-http-auth, nginx-botsearch, nginx-limit-req");
      assertThat(changes.get(0).steps()).containsExactly(
          GardienJailFile.render(DESIRED, OFFER_JAILS, CONTROLLER), Fail2banPlanner.RELOAD_IF_RUNNING);
    }

    @Test
    void changedLimitsShowBeforeAndAfterOfEachSetting() {
      Fail2banDesired old = new Fail2banDesired(true, OFFER_JAILS, 5, "10m", "30m", DESIRED.ignoreIp(), 2222);

      List<Change> changes = planner.plan(DESIRED, converged(old, false)).changes();

      assertThat(changes).singleElement().satisfies(c -> {
        assertThat(c.before()).isEqualTo("maxretry 5; bantime 30m");
        assertThat(c.after()).isEqualTo("maxretry 6; bantime 1h");
      });
    }

    @Test
    void handEditThatKeepsTheSettingsIsShownAsEdited() {
      Fail2banFacts f = converged(DESIRED, false);
      String edited = f.jailFileContent() + "# my note\n";
      Fail2banFacts facts = withFile(f, new FileFacts(true, FileFacts.sha256Hex(edited), "644", "root", "root"), edited);

      Change change = planner.plan(DESIRED, facts).changes().get(0);

      assertThat(change.before()).endsWith("sshd port 2222 (edited)");
      assertThat(change.after()).endsWith("sshd port 2222");
    }

    @Test
    void wrongModeIsShownAsAttributes() {
      Fail2banFacts f = converged(DESIRED, false);
      FileFacts file = new FileFacts(true, f.jailFile().sha256(), "600", "root", "root");

      // the probe does not send the text it found to be the wanted one
      Change change = planner.plan(DESIRED, withFile(f, file, null)).changes().get(0);

      assertThat(change.before()).endsWith("(0600 root:root)");
      assertThat(change.after()).endsWith("(0644 root:root)");
    }
  }

  @Nested
  class Service {
    @Test
    void stoppedServiceIsStarted() {
      List<Change> changes = planner.plan(DESIRED, withUnit(converged(DESIRED, false), "enabled", "failed")).changes();

      assertThat(changes).singleElement().satisfies(c -> {
        assertThat(c.resource()).isEqualTo("service fail2ban running");
        assertThat(c.before()).isEqualTo("failed");
        assertThat(c.after()).isEqualTo("active");
        assertThat(c.steps()).containsExactly(new Step.Run("systemctl start fail2ban.service\n"));
      });
    }

    @Test
    void disabledOrMaskedServiceIsEnabled() {
      for (String state : List.of("disabled", "masked")) {
        List<Change> changes = planner.plan(DESIRED, withUnit(converged(DESIRED, false), state, "active")).changes();

        assertThat(changes).singleElement().satisfies(c -> {
          assertThat(c.resource()).isEqualTo("service fail2ban enabled");
          assertThat(c.before()).isEqualTo(state);
          assertThat(c.steps()).containsExactly(
              new Step.Run("systemctl unmask fail2ban.service\nsystemctl enable fail2ban.service\n"));
        });
      }
    }

    @Test
    void aRunningFail2banRestartsItsJailsSoChangedBanActionsAreKept() {
      assertThat(((Step.Run) Fail2banPlanner.RELOAD_IF_RUNNING).script()).isEqualTo("""
          if systemctl is-active --quiet fail2ban.service; then
            fail2ban-client reload --restart >/dev/null
          fi
          """);
    }
  }

  @Nested
  class Disabled {
    private final Fail2banDesired off =
        new Fail2banDesired(false, OFFER_JAILS, 6, "10m", "1h", List.of(), 22);

    @Test
    void runningManagedFail2banIsStoppedDisabledAndItsFileRemoved() {
      List<Change> changes = planner.plan(off, converged(DESIRED, false)).changes();

      assertThat(changes).extracting(c -> c.action().sign() + " " + c.resource() + ": " + c.before() + " -> " + c.after())
          .containsExactly(
              "~ service fail2ban running: active -> inactive",
              "~ service fail2ban enabled: enabled -> disabled",
              "- file /etc/fail2ban/jail.d/gardien.local: jails sshd; maxretry 6; findtime 10m; bantime 1h; "
                  + "ignoreip 127.0.0.1/8 ::1 198.51.100.0/24 2001:db8::1 198.18.7.1; sshd port 2222 -> null");
      assertThat(changes).flatExtracting(Change::steps).containsExactly(
          Fail2banPlanner.STOP, Fail2banPlanner.DISABLE, Fail2banPlanner.REMOVE_FILE);
    }

    @Test
    void notInstalledOrAlreadyOffIsConverged() {
      assertThat(planner.plan(off, new Fail2banFacts(false, FileFacts.absent(), Optional.empty(), "", "inactive", false, CONTROLLER)).changes())
          .isEmpty();
      assertThat(planner.plan(off, new Fail2banFacts(true, FileFacts.absent(), Optional.empty(), "disabled", "inactive", true)).changes())
          .isEmpty();
      assertThat(planner.plan(off, new Fail2banFacts(true, FileFacts.absent(), Optional.empty(), "disabled", "failed", true)).checks())
          .isEmpty();
    }
  }

  @Test
  void nginxManagedByGardienBringsItsJailsInBeforeItsLogExists() {
    Fail2banDesired desired = new Fail2banDesired(true, Fail2banSpec.DEFAULT_JAILS, 6, "10m", "1h", List.of(), 22, true);
    Fail2banFacts bare = new Fail2banFacts(false, FileFacts.absent(), Optional.empty(), "", "inactive", false, CONTROLLER);

    ModulePlan plan = new Fail2banPlanner().plan(desired, bare);

    assertThat(plan.changes().get(0).after()).startsWith("jails sshd, nginx-http-auth, nginx-botsearch, nginx-limit-req");
    assertThat(plan.checks()).isEmpty();
    assertThat(Fail2banPlanner.wantedTemplate(desired, false))
        .isEqualTo(Fail2banPlanner.wantedTemplate(desired, true));
  }
}
