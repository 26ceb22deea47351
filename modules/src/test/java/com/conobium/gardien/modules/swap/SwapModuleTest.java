package com.conobium.gardien.modules.swap;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The swap module's probe on this machine, and the script that makes a swap file. Fixtures: {@code fixtures/swap}. */
class SwapModuleTest {
  private final SwapModule module = new SwapModule();

  @Test
  void theProbeReadsThisMachinesMemoryAndSwap() throws Exception {
    SwapFacts facts = module.facts(ProbeRunner.run(module.probe(new SwapDesired(true, "/no/such/swapfile"))));
    String meminfo = Files.readString(Path.of("/proc/meminfo"));
    assertThat(facts.memTotalKb()).isPositive();
    assertThat(meminfo).containsPattern("MemTotal:\\s+" + facts.memTotalKb() + " kB");
    assertThat(facts.fileBytes()).isEmpty();
    assertThat(facts.active()).isFalse();
    assertThat(facts.inFstab()).isFalse();
  }

  @Test
  void aMissingFileIsMadeFormattedAndTurnedOnThenListedForBoot() {
    ModulePlan plan = new SwapPlanner().plan(new SwapDesired(true, "/swapfile"),
        new SwapFacts(1_048_576, 0, "none", OptionalLong.empty(), false, false));
    String make = ((Step.Run) plan.changes().get(0).steps().get(0)).script();
    assertThat(make).contains("fallocate -l 1073741824 '/swapfile'", "chmod 600 '/swapfile'", "mkswap '/swapfile'",
        "swapon '/swapfile'");
    assertThat(make.indexOf("chmod")).isLessThan(make.indexOf("mkswap"));
    assertThat(((Step.Run) plan.changes().get(1).steps().get(0)).script())
        .isEqualTo("printf '%s none swap sw 0 0\\n' '/swapfile' >> /etc/fstab\n");
    assertThat(plan.readings()).extracting(r -> r.name() + "=" + r.value())
        .containsExactly("swap_bytes=0.0", "memory_bytes=1.073741824E9");
  }
}
