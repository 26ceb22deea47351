package com.conobium.gardien.modules.time;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TimeSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Target;
import java.util.Set;

/**
 * Time keeping: chrony with the manifest's NTP servers, and the system time zone. The packages
 * module installs chrony and tzdata first (see
 * {@link #packages}). In a container the host keeps
 * the clock, so chrony is configured and enabled but not required to run.
 */
public final class TimeModule extends ProbedModule<TimeDesired, TimeFacts> {
  public static final String NAME = "time";

  private static final String PROBE = ProbeScripts.load(TimeModule.class, "probe.sh");

  public TimeModule() {
    super(NAME, Set.of("packages"), TimeFacts::parse, new TimePlanner()::plan);
  }

  /** {@inheritDoc} Here: chrony keeps the clock; tzdata provides the time zones (no longer required on trixie). */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return Set.of("chrony", "tzdata");
  }

  /** {@inheritDoc} Here: chrony (which systemd does not start where the clock is not the server's own: a container). */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    return Expectations.units("chrony.service");
  }

  @Override
  public TimeDesired desired(Target target) {
    TimeSpec spec = target.spec().time();
    return new TimeDesired(spec.servers(), spec.timezone());
  }

  @Override
  public String probe(TimeDesired desired) {
    return PROBE;
  }
}
