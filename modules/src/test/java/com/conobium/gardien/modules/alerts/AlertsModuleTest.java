package com.conobium.gardien.modules.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.AlertsSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsModuleTest {
  private final AlertsModule module = new AlertsModule();
  private final FleetSpec.Smtp smtp = new FleetSpec.Smtp("smtp.example.net", 2525, "gardien@example.net", null, "none");

  private Target target(AlertsSpec alerts, FleetSpec fleet) {
    ServerSpec spec = ServerSpec.builder().alerts(alerts).build();
    return new Target(new Server("web1", null, spec, Path.of("s.yaml")), fleet);
  }

  private AlertsDesired desired() {
    return module.desired(target(null, new FleetSpec(List.of("ops@example.net"), smtp, null, null, null)));
  }

  private static FileFacts written(String path, String content, String mode) {
    return FileFacts.written(new Step.PutFile(path, content, mode, "root", "root", null));
  }

  @Test
  void aBareServerGetsTheRelayTheScriptAndEveryHook() {
    AlertsDesired d = desired();
    ModulePlan plan = module.plan(d, new AlertsFacts(FileFacts.absent(), FileFacts.absent(),
        Map.of("sshd", false, "login", false, "su", false, "su-l", false)));
    // sudo's files are not there yet: the packages module installs sudo in the same run; su-l
    // includes su, so it gets no hook of its own (su - would mail twice)
    assertThat(plan.changes()).extracting(c -> c.action().sign() + " " + c.resource()).containsExactly(
        "+ mail relay /etc/gardien/msmtprc", "+ alert script /usr/local/lib/gardien/root-login-alert",
        "+ PAM hook in /etc/pam.d/sshd", "+ PAM hook in /etc/pam.d/login", "+ PAM hook in /etc/pam.d/su",
        "+ PAM hook in /etc/pam.d/sudo", "+ PAM hook in /etc/pam.d/sudo-i");
    assertThat(((Step.Run) plan.changes().get(5).steps().get(0)).script())
        .startsWith("[ -f /etc/pam.d/sudo ] || { echo '/etc/pam.d/sudo is missing");
    Step.PutFile script = (Step.PutFile) plan.changes().get(1).steps().get(0);
    assertThat(script.mode()).isEqualTo("0755");
    assertThat(script.validate()).isEqualTo("sh -n /usr/local/lib/gardien/root-login-alert");
    assertThat(((Step.PutFile) plan.changes().get(0).steps().get(0)).mode()).isEqualTo("0600");
  }

  @Test
  void convergedMeansNothingToDo() {
    AlertsDesired d = desired();
    AlertsFacts facts = new AlertsFacts(written(RootLoginAlert.MSMTPRC, d.msmtprc(), "0600"),
        written(RootLoginAlert.SCRIPT, d.script(), "0755"),
        Map.of("sshd", true, "login", true, "su", true, "su-l", false, "sudo", true, "sudo-i", true));
    assertThat(module.plan(d, facts).changes()).isEmpty();
  }

  @Test
  void aServerWithoutAConsoleLoginNeedsNoHookThereAndAnOldSuLHookIsRemoved() {
    AlertsDesired d = desired();
    AlertsFacts facts = new AlertsFacts(written(RootLoginAlert.MSMTPRC, d.msmtprc(), "0600"),
        written(RootLoginAlert.SCRIPT, d.script(), "0755"),
        Map.of("sshd", true, "su", true, "su-l", true, "sudo", true, "sudo-i", true));

    ModulePlan plan = module.plan(d, facts);

    assertThat(plan.changes()).extracting(c -> c.action().sign() + " " + c.resource())
        .containsExactly("- PAM hook in /etc/pam.d/su-l");
    assertThat(((Step.Run) plan.changes().get(0).steps().get(0)).script())
        .isEqualTo("sed -i '\\|" + RootLoginAlert.SCRIPT + "$|d' /etc/pam.d/su-l\n");
  }

  @Test
  void recipientsDefaultToTheFleetsNotificationsAndTheRelayIsTheFleets() {
    AlertsDesired d = desired();
    assertThat(d.recipients()).containsExactly("ops@example.net");
    assertThat(d.msmtprc()).contains("host smtp.example.net\n").contains("port 2525\n").contains("tls off\n");
    assertThat(d.script()).contains("'ops@example.net'").contains("'[gardien] root login on %s\\n' 'web1'".replace("'[gardien]", "'Subject: [gardien]"));
    AlertsDesired own = module.desired(target(new AlertsSpec(new AlertsSpec.RootLogin(true, List.of("a@example.org"))),
        new FleetSpec(List.of("ops@example.net"), smtp, null, null, null)));
    assertThat(own.recipients()).containsExactly("a@example.org");
  }

  @Test
  void withoutARelayTheAlertIsAFailedCheckNotDrift() {
    AlertsDesired d = module.desired(target(null, new FleetSpec(List.of("ops@example.net"), null, null, null, null)));
    ModulePlan plan = module.plan(d, new AlertsFacts(FileFacts.absent(), FileFacts.absent(), Map.of()));
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasFailedChecks()).isTrue();
  }

  @Test
  void disabledChangesNothing() {
    AlertsDesired d = module.desired(target(new AlertsSpec(new AlertsSpec.RootLogin(false, null)),
        new FleetSpec(List.of("ops@example.net"), smtp, null, null, null)));
    assertThat(module.plan(d, new AlertsFacts(FileFacts.absent(), FileFacts.absent(), Map.of("sshd", false)))
        .changes()).isEmpty();
  }

  @Test
  void theScriptIsValidShellAndMailsOnlyRootSessions(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("alert");
    Path fakeBin = Files.createDirectories(dir.resolve("bin"));
    Path mail = dir.resolve("mail");
    // msmtp stands in as a file writer: the real delivery is shown on a real host by AlertsIT
    Files.writeString(fakeBin.resolve("msmtp"), "#!/bin/sh\ncat > " + mail + "\n");
    fakeBin.resolve("msmtp").toFile().setExecutable(true);
    Files.writeString(script, desired().script());
    String env = "PATH=" + fakeBin + ":/usr/bin:/bin PAM_TYPE=open_session PAM_SERVICE=sshd PAM_RHOST=198.18.7.1 ";

    assertThat(run("sh -n " + script)).isZero();
    assertThat(run(env + "PAM_USER=alice sh " + script)).isZero();
    assertThat(mail).doesNotExist();
    assertThat(run(env.replace("PAM_SERVICE=sshd", "PAM_SERVICE=sudo") + "PAM_USER=root sh " + script)).isZero();
    assertThat(mail).as("sudo without a terminal (Gardien's own) is not reported").doesNotExist();
    assertThat(run(env + "PAM_USER=root sh " + script)).isZero();
    assertThat(Files.readString(mail)).contains("To: ops@example.net").contains("Subject: [gardien] root login on web1")
        .contains("Source:   198.18.7.1").contains("Service:  sshd");
  }

  @Test
  void theProbeRunsHereAndItsOutputIsUnderstood() throws Exception {
    AlertsFacts facts = module.facts(ProbeRunner.run(module.probe(desired())));
    assertThat(facts.msmtprc().exists()).isFalse();
    assertThat(facts.pamHooks()).doesNotContainValue(true);
  }

  private static int run(String command) throws Exception {
    return new ProcessBuilder("/bin/sh", "-c", command).inheritIO().start().waitFor();
  }
}
