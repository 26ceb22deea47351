package com.conobium.gardien.modules.prerequisites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.PrerequisitesSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrerequisitesModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrerequisitesModule module = new PrerequisitesModule();

  private static Target target(PrerequisitesSpec prerequisites) {
    ServerSpec spec =
        ServerSpec.builder().prerequisites(prerequisites).build();
    return new Target(
        new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null));
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("prerequisites");
    assertThat(module.after()).isEmpty();
  }

  @Test
  void desiredDefaults() {
    assertThat(module.desired(target(null)))
        .isEqualTo(new PrerequisitesDesired("13", true, List.of("/var/log", "/tmp"), OptionalInt.of(10)));
  }

  @Test
  void disabledFlagsAreAbsentFromDesired() {
    PrerequisitesDesired desired =
        module.desired(target(new PrerequisitesSpec("12", false, List.of(), false, 25)));

    assertThat(desired).isEqualTo(new PrerequisitesDesired("12", false, List.of(), OptionalInt.empty()));
  }

  @Test
  void parsesRealisticProbeOutput() throws Exception {
    PrerequisitesFacts facts =
        module.facts(
            JSON.readTree(
                """
                {"osVersionId":"13","debianVersion":"13.1\\n","vm":"none","container":"none",\
                "mdstat":"Personalities : [raid1]\\nmd0 : active raid1 nvme0n1p2[0] nvme1n1p2[1]\\n      1000 blocks\\n\\nunused devices: <none>",\
                "mounts":{"/var/log":"/var/log","/tmp":"/"},"memTotalKb":65536000,"swapTotalKb":67108860}
                """));

    assertThat(facts.debianMajor()).isEqualTo("13");
    assertThat(facts.debianVersion()).isEqualTo("13.1");
    assertThat(facts.virtualisation()).isEqualTo(Virtualisation.BARE_METAL);
    assertThat(facts.activeArrays()).containsExactly("md0 (raid1)");
    assertThat(facts.mountPoints()).containsEntry("/var/log", "/var/log").containsEntry("/tmp", "/");
    assertThat(facts.memTotalKb()).isEqualTo(OptionalLong.of(65536000));
    assertThat(facts.swapTotalKb()).isEqualTo(OptionalLong.of(67108860));
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThatThrownBy(() -> module.facts(JSON.readTree("{}"))).isInstanceOf(FactsException.class);
    assertThatThrownBy(() -> module.facts(JSON.readTree("{\"mounts\":{},\"memTotalKb\":\"lots\"}")))
        .isInstanceOf(FactsException.class);
  }

  @Test
  void probeQuotesPathsSafely() {
    String probe =
        module.probe(new PrerequisitesDesired("13", true, List.of("/srv/it's $(here)"), OptionalInt.empty()));

    assertThat(probe).contains("for gardien_path in '/srv/it'\\''s $(here)'; do").doesNotContain("@PATHS@");
  }

  @Test
  void probeRunsOnThisDebianAndItsOutputIsUnderstood(@TempDir Path dir) throws Exception {
    Path odd = Files.createDirectory(dir.resolve("odd 'name\""));
    PrerequisitesDesired desired =
        new PrerequisitesDesired("13", true, List.of("/", odd.toString(), "/no/such/path"), OptionalInt.of(10));

    PrerequisitesFacts facts = module.facts(ProbeRunner.run(module.probe(desired)));

    String release = Files.readString(Path.of("/etc/debian_version")).strip();
    assertThat(facts.debianVersion()).isEqualTo(release);
    assertThat(facts.debianMajor()).isEqualTo(release.split("\\.")[0]);
    assertThat(facts.mountPoints()).containsEntry("/", "/").containsEntry("/no/such/path", "");
    assertThat(facts.mountPoints().get(odd.toString())).isNotEmpty();
    assertThat(facts.memTotalKb()).isPresent();
    assertThat(facts.swapTotalKb()).isPresent();

    ModulePlan plan = module.plan(desired, facts);
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.checks()).extracting(CheckResult::name)
        .containsExactly(
            "debian release",
            "raid on bare metal",
            "separate partition /",
            "separate partition " + odd,
            "separate partition /no/such/path",
            "swap equals ram");
    assertThat(plan.checks().get(2).passed()).isTrue();
    assertThat(plan.checks().get(4).passed()).isFalse();
  }
}
