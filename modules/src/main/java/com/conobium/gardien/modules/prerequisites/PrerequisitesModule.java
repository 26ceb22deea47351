package com.conobium.gardien.modules.prerequisites;

import com.conobium.gardien.model.PrerequisitesSpec;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a server must already be — Debian release, RAID on bare metal, separate partitions, swap
 * the size of RAM. Check-only: its plan has checks and never a change.
 */
public final class PrerequisitesModule extends ProbedModule<PrerequisitesDesired, PrerequisitesFacts> {
  public static final String NAME = "prerequisites";

  private static final String PROBE = ProbeScripts.load(PrerequisitesModule.class, "probe.sh");
  private static final String PATHS_PLACEHOLDER = "@PATHS@";

  public PrerequisitesModule() {
    this(new PrerequisitesChecks());
  }

  private PrerequisitesModule(PrerequisitesChecks checks) {
    super(NAME, Set.of(), PrerequisitesFacts::parse, (desired, facts) -> ModulePlan.checksOnly(checks.check(desired, facts)));
  }

  @Override
  public PrerequisitesDesired desired(Target target) {
    PrerequisitesSpec spec = target.spec().prerequisites();
    return new PrerequisitesDesired(
        spec.debianRelease(),
        spec.raidOnBareMetal(),
        spec.separatePartitions(),
        spec.swapEqualsRam() ? OptionalInt.of(spec.swapTolerancePercent()) : OptionalInt.empty());
  }

  /** The probe, asking for the mount point of each path that must be its own partition. */
  @Override
  public String probe(PrerequisitesDesired desired) {
    return PROBE.replace(PATHS_PLACEHOLDER, Shell.quoteAll(desired.separatePartitions()));
  }

}
