package com.conobium.gardien.modules.hardening;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.Set;

/**
 * System hardening: kernel and network parameters ({@code sysctl.d}), no core dumps, a login
 * banner, idle shells that time out, unused kernel modules refused, and needrestart kept from
 * restarting services mid-apply. Its audit tools are installed by the packages module first (see
 * {@link #packages}). The SSH daemon's own limits
 * belong to the {@code ssh} module. Off unless the manifest turns it on; then it leaves nothing of
 * the server's unmanaged, and turning it off again leaves the files in place.
 */
public final class HardeningModule extends ProbedModule<HardeningDesired, HardeningFacts> {
  public static final String NAME = "hardening";

  private static final String PROBE = ProbeScripts.load(HardeningModule.class, "probe.sh");

  public HardeningModule() {
    super(NAME, Set.of("packages"), HardeningFacts::parse, new HardeningPlanner()::plan);
  }

  /** {@inheritDoc} Here: the audit and hygiene tools of hardening.tools. */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return spec.hardening().enabled() ? Set.copyOf(spec.hardening().tools()) : Set.of();
  }

  @Override
  public HardeningDesired desired(Target target) {
    return HardeningFiles.desired(target.spec().hardening());
  }

  @Override
  public String probe(HardeningDesired desired) {
    return "hard_files=" + Shell.quote(String.join(" ", desired.paths())) + "\n"
        + "hard_keys=" + Shell.quote(String.join(" ", desired.sysctl().keySet().stream().sorted().toList())) + "\n"
        + PROBE;
  }
}
