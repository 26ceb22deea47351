package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.model.Fail2banSpec;
import com.conobium.gardien.modules.packages.PackagesModule;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * fail2ban: Gardien's jail file {@code /etc/fail2ban/jail.d/gardien.local} (nftables bans, the
 * systemd journal as log backend, the manifest's jails and limits), the service enabled and
 * running. The packages module installs fail2ban and nftables first (see
 * {@link com.conobium.gardien.modules.packages.RequiredPackages}). See {@link Fail2banPlanner} for
 * jails that wait for their log file and for what {@code enabled: false} does.
 */
public final class Fail2banModule implements ResourceModule<Fail2banDesired, Fail2banFacts> {
  public static final String NAME = "fail2ban";

  private static final String PROBE = ProbeScripts.load(Fail2banModule.class, "probe.sh");

  private final Fail2banPlanner planner = new Fail2banPlanner();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> after() {
    return Set.of(PackagesModule.NAME);
  }

  @Override
  public Fail2banDesired desired(Target target) {
    Fail2banSpec spec = target.spec().fail2ban();
    return new Fail2banDesired(spec.enabled(), spec.jails(), spec.maxRetry(), spec.findTime(),
        spec.banTime(), spec.ignoreIp(), target.spec().ssh().port(), target.spec().web().enabled());
  }

  @Override
  public String probe(Fail2banDesired desired) {
    return "f2b_want_nginx=" + Shell.quote(Fail2banPlanner.wantedFile(desired, true).content()) + "\n"
        + "f2b_want_plain=" + Shell.quote(Fail2banPlanner.wantedFile(desired, false).content()) + "\n"
        + PROBE;
  }

  @Override
  public Fail2banFacts facts(JsonNode probeOutput) throws FactsException {
    return Fail2banFacts.parse(probeOutput);
  }

  @Override
  public ModulePlan plan(Fail2banDesired desired, Fail2banFacts facts) {
    return planner.plan(desired, facts);
  }
}
