package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.Fail2banSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.SitePaths;
import com.conobium.gardien.modules.spi.Target;
import java.util.List;
import java.util.Set;

/**
 * fail2ban: Gardien's jail file {@code /etc/fail2ban/jail.d/gardien.local} (nftables bans, the
 * systemd journal as log backend, the manifest's jails and limits), the service enabled and
 * running. The packages module installs fail2ban and nftables first (see
 * {@link #packages}). See {@link Fail2banPlanner} for
 * jails that wait for their log file and for what {@code enabled: false} does.
 */
public final class Fail2banModule extends ProbedModule<Fail2banDesired, Fail2banFacts> {
  public static final String NAME = "fail2ban";

  private static final String PROBE = ProbeScripts.load(Fail2banModule.class, "probe.sh");

  public Fail2banModule() {
    // after sites: their nginx logs exist by then, and after ssh (which sites follow): the sshd
    // jail watches the port sshd really serves
    super(NAME, Set.of("packages", "sites"), Fail2banFacts::parse, new Fail2banPlanner()::plan);
  }

  /** {@inheritDoc} Here: fail2ban (which on Debian 13 depends on python3-systemd, its journal backend), and nftables, only
   * recommended by fail2ban but needed by its nftables ban actions (apt runs without recommends). */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return spec.fail2ban().enabled() ? Set.of("fail2ban", "nftables") : Set.of();
  }

  /** {@inheritDoc} Here: fail2ban running the manifest's jails, each with its maxretry. */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    if (!spec.fail2ban().enabled()) {
      return Expectations.NONE;
    }
    java.util.Map<String, Integer> jails = new java.util.TreeMap<>();
    spec.fail2ban().jails().forEach(jail -> jails.put(jail, spec.fail2ban().maxRetry()));
    return new Expectations(Set.of("fail2ban.service"), Set.of(), jails);
  }

  @Override
  public Fail2banDesired desired(Target target) {
    Fail2banSpec spec = target.spec().fail2ban();
    boolean web = target.spec().web().enabled();
    List<String> siteLogs = web
        ? target.spec().sites().stream().map(site -> SitePaths.logs(site.name())).toList()
        : List.of();
    return new Fail2banDesired(spec.enabled(), spec.jails(), spec.maxRetry(), spec.findTime(),
        spec.banTime(), spec.ignoreIp(), target.spec().ssh().port(), web,
        target.fleet().controllerAddresses(), siteLogs);
  }

  @Override
  public String probe(Fail2banDesired desired) {
    String[] nginx = GardienJailFile.splitAtController(Fail2banPlanner.wantedTemplate(desired, true));
    String[] plain = GardienJailFile.splitAtController(Fail2banPlanner.wantedTemplate(desired, false));
    return "f2b_want_nginx_head=" + Shell.quote(nginx[0]) + "\n"
        + "f2b_want_nginx_tail=" + Shell.quote(nginx[1]) + "\n"
        + "f2b_want_plain_head=" + Shell.quote(plain[0]) + "\n"
        + "f2b_want_plain_tail=" + Shell.quote(plain[1]) + "\n"
        + PROBE;
  }
}
