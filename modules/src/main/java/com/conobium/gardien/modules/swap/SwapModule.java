package com.conobium.gardien.modules.swap;

import com.conobium.gardien.model.SwapSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.Set;

/**
 * Swap: a swap file of RAM's size when the manifest asks ({@code swap.file: true}), for a server
 * installed without enough swap (the offer wants swap equal to RAM, which {@code prerequisites}
 * checks); and, always, the swap in use and the RAM as readings.
 */
public final class SwapModule extends ProbedModule<SwapDesired, SwapFacts> {
  public static final String NAME = "swap";

  private static final String PROBE = ProbeScripts.load(SwapModule.class, "probe.sh");

  public SwapModule() {
    super(NAME, Set.of("packages"), SwapFacts::parse, new SwapPlanner()::plan);
  }

  @Override
  public SwapDesired desired(Target target) {
    SwapSpec spec = target.spec().swap();
    return new SwapDesired(spec.file(), spec.path());
  }

  @Override
  public String probe(SwapDesired desired) {
    return "swap_path=" + Shell.quote(desired.path()) + "\n" + PROBE;
  }
}
