package com.conobium.gardien.modules.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.HardeningSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.hardening.HardeningFacts.LiveValue;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardeningModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HardeningModule module = new HardeningModule();

  private static HardeningSpec spec(Map<String, String> sysctl, Boolean coreDumps, String banner, String timeout,
      List<String> modules, List<String> tools) {
    return new HardeningSpec(true, sysctl, coreDumps, banner, timeout, modules, tools);
  }

  private static final HardeningSpec ON = spec(null, null, null, null, null, null);

  private HardeningDesired desired(HardeningSpec hardening) {
    ServerSpec spec = ServerSpec.builder().hardening(hardening).build();
    return module.desired(new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, null, null, null)));
  }

  /**
   * A server where every file is as wanted and the network's parameters are set, inside a
   * container whose host keeps other kernel values.
   */
  private static HardeningFacts converged(HardeningDesired desired) {
    Map<String, FileFacts> files = new HashMap<>();
    desired.files().forEach(f -> files.put(f.path(), FileFacts.written(f)));
    Map<String, LiveValue> live = new LinkedHashMap<>();
    desired.sysctl().forEach((key, value) -> live.put(key, key.startsWith("net.")
        ? new LiveValue(value, true)
        : new LiveValue("7", false)));
    return new HardeningFacts("systemd-nspawn", files, live);
  }

  private static List<String> resources(ModulePlan plan) {
    return plan.changes().stream().map(c -> c.action().sign() + " " + c.resource()).toList();
  }

  @Test
  void offByDefaultAndThenTouchesNothing() {
    HardeningDesired off = desired(null);
    assertThat(off.enabled()).isFalse();
    assertThat(off.paths()).isEmpty();
    assertThat(module.probe(off)).contains("hard_files=''").contains("hard_keys=''");
    HardeningFacts bare = new HardeningFacts("none", Map.of(), Map.of());
    assertThat(module.plan(off, bare).changes()).isEmpty();
  }

  @Test
  void aBareServerGetsEveryFileAndTheSysctlFileSetsTheLiveValues() {
    HardeningDesired on = desired(ON);
    Map<String, LiveValue> live = new LinkedHashMap<>();
    on.sysctl().keySet().forEach(key -> live.put(key, new LiveValue("1", true)));
    ModulePlan plan = module.plan(on, new HardeningFacts("none", Map.of(), live));

    assertThat(resources(plan)).containsExactly(
        "+ file /etc/sysctl.d/60-gardien-hardening.conf",
        "+ file /etc/security/limits.d/60-gardien-no-core-dumps.conf",
        "+ file /etc/systemd/coredump.conf.d/60-gardien-no-core-dumps.conf",
        "+ file /etc/issue",
        "+ file /etc/issue.net",
        "+ file /etc/profile.d/gardien-shell-timeout.sh",
        "+ file /etc/modprobe.d/gardien-hardening.conf",
        "+ file /etc/needrestart/conf.d/60-gardien.conf");
    Change sysctl = plan.changes().get(0);
    String file = ((Step.PutFile) sysctl.steps().get(0)).content();
    assertThat(file).contains("net.ipv4.conf.all.rp_filter = 1\n").contains("kernel.kptr_restrict = 2\n")
        .contains("fs.suid_dumpable = 0\n");
    String setLive = ((Step.Run) sysctl.steps().get(1)).script();
    assertThat(setLive).contains(
        "if [ -w '/proc/sys/net/ipv4/conf/all/rp_filter' ]; then sysctl -q -w 'net.ipv4.conf.all.rp_filter=1'; fi\n");
    assertThat(setLive.lines()).hasSize(on.sysctl().size()).allMatch(l -> l.startsWith("if [ -w '/proc/sys/"));
  }

  @Test
  void aConvergedServerHasNothingToChangeEvenWhereTheHostKeepsTheKernelsValues() {
    HardeningDesired on = desired(ON);
    assertThat(module.plan(on, converged(on)).changes()).isEmpty();
  }

  @Test
  void aNetworkParameterChangedByHandIsSetBackWithoutRewritingTheFile() {
    HardeningDesired on = desired(ON);
    HardeningFacts facts = converged(on);
    Map<String, LiveValue> live = new LinkedHashMap<>(facts.sysctl());
    live.put("net.ipv4.conf.all.rp_filter", new LiveValue("0", true));
    live.put("net.ipv4.conf.all.log_martians", new LiveValue("0", true));
    ModulePlan plan = module.plan(on, new HardeningFacts(facts.container(), facts.files(), live));

    assertThat(plan.changes()).hasSize(1);
    Change change = plan.changes().get(0);
    assertThat(change.resource()).isEqualTo("sysctl live values");
    assertThat(change.before()).isEqualTo("net.ipv4.conf.all.log_martians=0, net.ipv4.conf.all.rp_filter=0");
    assertThat(change.after()).isEqualTo("net.ipv4.conf.all.log_martians=1, net.ipv4.conf.all.rp_filter=1");
    assertThat(((Step.Run) change.steps().get(0)).script().lines()).hasSize(2);
  }

  @Test
  void forwardingIsSetBeforeTheRedirectsItWouldRewrite() {
    HardeningDesired on = desired(spec(new LinkedHashMap<>(Map.of("net.ipv6.conf.all.forwarding", "0")),
        null, null, null, null, null));
    String file = on.files().get(0).content();
    assertThat(file.indexOf("net.ipv6.conf.all.forwarding")).isLessThan(file.indexOf("accept_redirects"));
    assertThat(file.indexOf("net.ipv4.conf.all.forwarding")).isLessThan(file.indexOf("accept_redirects"));

    HardeningFacts facts = converged(on);
    Map<String, LiveValue> live = new LinkedHashMap<>(facts.sysctl());
    live.put("net.ipv4.conf.all.forwarding", new LiveValue("1", true));
    Change change = module.plan(on, new HardeningFacts(facts.container(), facts.files(), live)).changes().get(0);
    assertThat(change.after()).isEqualTo("net.ipv4.conf.all.forwarding=0");
    String script = ((Step.Run) change.steps().get(0)).script();
    assertThat(script.lines()).as("every parameter set again, forwarding first").hasSize(on.sysctl().size());
    assertThat(script.indexOf("forwarding")).isLessThan(script.indexOf("accept_redirects"));
  }

  @Test
  void theManifestOverridesAddsAndLeavesParametersToTheKernel() {
    HardeningDesired on = desired(spec(
        Map.of("net.ipv4.conf.all.forwarding", "1", "net.ipv4.conf.all.rp_filter", "", "vm.swappiness", "10"),
        null, null, null, null, null));
    assertThat(on.sysctl()).containsEntry("net.ipv4.conf.all.forwarding", "1")
        .containsEntry("vm.swappiness", "10").doesNotContainKey("net.ipv4.conf.all.rp_filter");
    String file = on.files().get(0).content();
    assertThat(file).contains("net.ipv4.conf.all.forwarding = 1\n").contains("vm.swappiness = 10\n")
        .doesNotContain("net.ipv4.conf.all.rp_filter");
  }

  @Test
  void settingsTurnedOffRemoveGardiensFilesAndLeaveDebiansBanner() {
    HardeningDesired before = desired(ON);
    HardeningFacts facts = converged(before);
    HardeningDesired after = desired(spec(null, true, "", "0", List.of(), List.of("debsums")));
    Map<String, FileFacts> files = new HashMap<>(facts.files());
    files.put("/etc/issue", new FileFacts(true, "debian", "644", "root", "root"));
    ModulePlan plan = module.plan(after, new HardeningFacts(facts.container(), files, facts.sysctl()));

    assertThat(resources(plan)).containsExactlyInAnyOrder(
        "- file /etc/security/limits.d/60-gardien-no-core-dumps.conf",
        "- file /etc/systemd/coredump.conf.d/60-gardien-no-core-dumps.conf",
        "- file /etc/profile.d/gardien-shell-timeout.sh",
        "- file /etc/modprobe.d/gardien-hardening.conf",
        "- file /etc/needrestart/conf.d/60-gardien.conf");
  }

  @Test
  void theShellTimeoutIsReadOnlyAndSurvivesASecondReading() {
    String script = desired(spec(null, null, null, "1h", null, null)).files().stream()
        .filter(f -> f.path().equals(HardeningFiles.SHELL_TIMEOUT)).findFirst().orElseThrow().content();
    assertThat(script).contains("  TMOUT=3600\n  readonly TMOUT\n  export TMOUT\n");
    HardeningDesired never = desired(spec(null, null, null, "0", null, null));
    assertThat(never.files()).noneMatch(f -> f.path().equals(HardeningFiles.SHELL_TIMEOUT));
    assertThat(never.absent()).contains(HardeningFiles.SHELL_TIMEOUT);
  }

  @Test
  void theProbeReportsFilesAndLiveParametersOfThisMachine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sysctl.conf");
    Files.writeString(file, "x = 1\n");
    String probe = module.probe(desired(ON))
        .replaceFirst("hard_files='[^']*'", "hard_files='" + file + " " + dir.resolve("absent") + "'")
        .replaceFirst("hard_keys='[^']*'", "hard_keys='net.ipv4.tcp_syncookies kernel.no_such_parameter'");
    HardeningFacts facts = module.facts(ProbeRunner.run(probe));

    assertThat(facts.file(file.toString()).contentMatches("x = 1\n")).isTrue();
    assertThat(facts.file(dir.resolve("absent").toString()).exists()).isFalse();
    assertThat(facts.sysctl().get("net.ipv4.tcp_syncookies").value())
        .isEqualTo(Files.readString(Path.of("/proc/sys/net/ipv4/tcp_syncookies")).strip());
    assertThat(facts.sysctl().get("kernel.no_such_parameter")).isEqualTo(new LiveValue(null, false));
  }

  @Test
  void factsOfAnotherShapeAreRefused() {
    assertThatThrownBy(() -> module.facts(JSON.readTree("{\"files\":[]}")))
        .isInstanceOf(FactsException.class).hasMessageContaining("hardening probe");
    assertThat(HardeningFacts.normal(" 4096\t87380   6291456\n")).isEqualTo("4096 87380 6291456");
  }
}
