package com.conobium.gardien.modules.fail2ban;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.Fail2banSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SshSpec;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Fail2banModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Fail2banModule module = new Fail2banModule();

  private static Target target(SshSpec ssh, Fail2banSpec fail2ban) {
    ServerSpec spec = ServerSpec.builder().ssh(ssh).fail2ban(fail2ban).build();
    return new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null));
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("fail2ban");
    assertThat(module.after()).containsExactlyInAnyOrder("packages", "sites");
  }

  @Test
  void defaultsAreTheStandardOffer() {
    Fail2banDesired desired = module.desired(target(null, null));

    // the standard offer has the web stack: Gardien installs nginx, so its jails need not wait
    assertThat(desired).isEqualTo(new Fail2banDesired(true, Fail2banSpec.DEFAULT_JAILS, 6, "10m", "1h", List.of(), 22, true));
  }

  @Test
  void desiredFollowsTheManifestAndTheSshPort() {
    Fail2banDesired desired = module.desired(target(new SshSpec(2222, null, null, null),
        new Fail2banSpec(true, List.of("sshd", "sshd"), 3, "1h", "7d", List.of("10.0.0.0/8"))));

    assertThat(desired).isEqualTo(new Fail2banDesired(true, List.of("sshd"), 3, "1h", "7d", List.of("10.0.0.0/8"), 2222, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sshd]\n[x", "a b", "", "-x"})
  void rejectsJailNamesThatWouldInjectSections(String jail) {
    assertThatThrownBy(() -> new Fail2banDesired(true, List.of(jail), 6, "10m", "1h", List.of(), 22))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAddressesThatWouldInjectSettings() {
    assertThatThrownBy(() -> new Fail2banDesired(true, List.of(), 6, "10m", "1h", List.of("1.2.3.4\nbantime=1"), 22))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesRealisticProbeOutput() throws Exception {
    Fail2banFacts facts = module.facts(JSON.readTree("""
        {"installed":true,\
        "jailFile":{"exists":true,"sha256":"ab","mode":"644","owner":"root","group":"root"},\
        "jailFileContent":"[DEFAULT]\\nmaxretry = 5",\
        "enabled":"enabled","active":"active","nginxErrorLog":false}
        """));

    assertThat(facts).isEqualTo(new Fail2banFacts(true, new FileFacts(true, "ab", "644", "root", "root"),
        Optional.of("[DEFAULT]\nmaxretry = 5"), "enabled", "active", false));
  }

  @Test
  void parsesABareServer() throws Exception {
    Fail2banFacts facts = module.facts(JSON.readTree("""
        {"installed":false,"jailFile":{"exists":false},"jailFileContent":null,\
        "enabled":"","active":"inactive","nginxErrorLog":false}
        """));

    assertThat(facts.unitFileState()).isEmpty();
    assertThat(facts.activeState()).isEqualTo("inactive");
    assertThat(facts.jailFile().exists()).isFalse();
    assertThat(facts.jailFileContent()).isEmpty();
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThatThrownBy(() -> module.facts(JSON.readTree("[]"))).isInstanceOf(FactsException.class);
    assertThatThrownBy(() -> module.facts(JSON.readTree("{\"installed\":true}"))).isInstanceOf(FactsException.class);
  }

  @Test
  void theProbeReadsTheAddressTheServerSeesGardienComeFromAndWantsItNeverBanned(@TempDir Path dir) throws Exception {
    Fail2banDesired desired = module.desired(target(null, null));
    Path file = dir.resolve("gardien.local");
    String probe = "GARDIEN_SSH_CLIENT=198.18.3.1\n" + module.probe(desired).replace(GardienJailFile.PATH, file.toString());
    boolean nginxHere = Files.exists(Path.of(JailLogFiles.NGINX_ERROR_LOG));
    String wanted = Fail2banPlanner.wantedFile(desired, new Fail2banFacts(true, FileFacts.absent(), Optional.empty(),
        "", "", nginxHere, "198.18.3.1")).content();
    Files.writeString(file, wanted);

    Fail2banFacts facts = module.facts(ProbeRunner.run(probe));

    assertThat(wanted).contains("ignoreip = 127.0.0.1/8 ::1 198.18.3.1\n");
    assertThat(facts.controller()).isEqualTo("198.18.3.1");
    assertThat(facts.jailFileContent()).as("the file the probe built in shell is the wanted one").isEmpty();
    assertThat(module.plan(desired, facts).changes()).extracting(c -> c.resource())
        .doesNotContain(Fail2banPlanner.FILE_RESOURCE);
  }

  @Test
  void probeSendsTheFileTextOnlyWhenItIsNotTheWantedFile(@TempDir Path dir) throws Exception {
    Fail2banDesired desired = module.desired(target(null, null));
    Path file = dir.resolve("gardien.local");
    String probe = module.probe(desired).replace(GardienJailFile.PATH, file.toString());
    boolean nginxHere = Files.exists(Path.of(JailLogFiles.NGINX_ERROR_LOG));
    String wanted = Fail2banPlanner.wantedFile(desired, new Fail2banFacts(true, FileFacts.absent(), Optional.empty(),
        "", "", nginxHere, "")).content();

    Files.writeString(file, wanted);
    Fail2banFacts same = module.facts(ProbeRunner.run(probe));
    String edited = wanted.replace("maxretry = 6", "maxretry = \"5\"\t") + "# no newline at the end";
    Files.writeString(file, edited);
    Fail2banFacts other = module.facts(ProbeRunner.run(probe));

    assertThat(same.jailFile().contentMatches(wanted)).isTrue();
    assertThat(same.jailFileContent()).isEmpty();
    // read line by line with shell builtins: a last line without a line break gets one
    assertThat(other.jailFileContent()).contains(edited + "\n");
    assertThat(other.jailFile().contentMatches(edited)).isTrue();
    assertThat(module.plan(desired, other).changes().get(0).before()).isEqualTo("maxretry \"5\"");
  }

  @Test
  void probeRunsOnThisDebianAndItsOutputIsUnderstood() throws Exception {
    Fail2banDesired desired = module.desired(target(null, null));

    Fail2banFacts facts = module.facts(ProbeRunner.run(module.probe(desired)));

    assertThat(facts.installed()).isEqualTo(Files.isExecutable(Path.of("/usr/bin/fail2ban-client")));
    assertThat(facts.jailFile().exists()).isEqualTo(Files.exists(Path.of(GardienJailFile.PATH)));
    assertThat(facts.nginxErrorLogExists()).isEqualTo(Files.exists(Path.of(JailLogFiles.NGINX_ERROR_LOG)));
    assertThat(module.plan(desired, facts)).isNotNull();
  }
}
