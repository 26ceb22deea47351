package com.conobium.gardien.modules.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TimeSpec;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TimeModule module = new TimeModule();

  private static Target target(TimeSpec time) {
    ServerSpec spec =
        ServerSpec.builder().time(time).build();
    return new Target(
        new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null));
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("time");
    assertThat(module.after()).containsExactly("packages");
  }

  @Test
  void desiredFollowsTheManifest() {
    TimeDesired desired =
        module.desired(target(new TimeSpec(List.of("b.ntp", "a.ntp", "b.ntp"), "Europe/Paris")));

    assertThat(desired.servers()).containsExactly("b.ntp", "a.ntp");
    assertThat(desired.timezone()).isEqualTo("Europe/Paris");
  }

  @Test
  void defaultsAreDebiansPoolAndUtc() {
    TimeDesired desired = module.desired(target(null));

    assertThat(desired.servers()).isEqualTo(TimeSpec.DEFAULT_SERVERS);
    assertThat(desired.timezone()).isEqualTo("Etc/UTC");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ntp example", "-x", "ntp\nallow all", "a;b"})
  void rejectsServersThatWouldInjectDirectives(String server) {
    assertThatThrownBy(() -> new TimeDesired(List.of(server), "Etc/UTC"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "/Etc/UTC", "Europe/Paris ", "", "Etc//UTC"})
  void rejectsZonesOutsideZoneinfo(String zone) {
    assertThatThrownBy(() -> new TimeDesired(List.of(), zone))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsZoneNames() {
    for (String zone : List.of("Etc/UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC")) {
      assertThat(new TimeDesired(List.of("2001:db8::1", "10.0.0.1"), zone).timezone()).isEqualTo(zone);
    }
  }

  @Test
  void parsesRealisticProbeOutput() throws Exception {
    TimeFacts facts =
        module.facts(
            JSON.readTree(
                """
                {"chronyInstalled":true,\
                "sourcesFile":{"exists":true,"sha256":"ab","mode":"644","owner":"root","group":"root"},\
                "configFile":{"exists":true,"sha256":"cd","mode":"644","owner":"root","group":"root"},\
                "sourcesContent":"# Managed by Gardien\\nserver a.ntp iburst",\
                "enabled":"enabled","active":"inactive","container":"systemd-nspawn",\
                "localtime":"../usr/share/zoneinfo/America/New_York","timezoneFile":"America/New_York\\n"}
                """));

    assertThat(facts)
        .isEqualTo(
            new TimeFacts(
                true,
                new FileFacts(true, "ab", "644", "root", "root"),
                "# Managed by Gardien\nserver a.ntp iburst",
                "enabled",
                "inactive",
                "systemd-nspawn",
                "../usr/share/zoneinfo/America/New_York",
                Optional.of("America/New_York"),
                new FileFacts(true, "cd", "644", "root", "root")));
    assertThat(facts.hostKeepsTime()).isTrue();
    assertThat(facts.timezone()).contains("America/New_York");
    assertThat(ChronySources.describe(facts.sourcesContent())).isEqualTo("a.ntp");
  }

  @Test
  void parsesAFreshServerWithoutChronyOrSystemd() throws Exception {
    TimeFacts facts =
        module.facts(
            JSON.readTree(
                "{\"chronyInstalled\":false,\"sourcesFile\":{\"exists\":false},\"configFile\":{\"exists\":false},\"sourcesContent\":\"\","
                    + "\"enabled\":\"\",\"active\":\"\",\"container\":\"none\",\"localtime\":\"\",\"timezoneFile\":null}"));

    assertThat(facts.hostKeepsTime()).isFalse();
    assertThat(facts.timezone()).isEmpty();
    assertThat(facts.timezoneFile()).isEmpty();
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThatThrownBy(() -> module.facts(JSON.readTree("[]"))).isInstanceOf(FactsException.class);
    assertThatThrownBy(() -> module.facts(JSON.readTree("{\"chronyInstalled\":true}")))
        .isInstanceOf(FactsException.class);
  }

  @Test
  void probeRunsOnThisDebianAndItsOutputIsUnderstood() throws Exception {
    TimeDesired desired = module.desired(target(null));

    TimeFacts facts = module.facts(ProbeRunner.run(module.probe(desired)));

    boolean chronyHere = Files.exists(Path.of("/usr/sbin/chronyd"));
    assertThat(facts.chronyInstalled()).isEqualTo(chronyHere);
    assertThat(facts.sourcesFile().exists())
        .isEqualTo(Files.exists(Path.of("/etc/chrony/sources.d/gardien.sources")));
    if (Files.isSymbolicLink(Path.of("/etc/localtime"))) {
      assertThat(facts.timezone()).isPresent();
    }
    // the plan of this machine is computable whatever it is
    assertThat(module.plan(desired, facts)).isNotNull();
  }
}
