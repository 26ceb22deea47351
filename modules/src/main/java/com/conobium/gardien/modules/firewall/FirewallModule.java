package com.conobium.gardien.modules.firewall;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The inbound firewall: nftables, default deny, loaded at boot. The ruleset is checked with
 * {@code nft -c} before it replaces the file, and loading it is guarded: the server reloads the
 * previous file by itself unless Gardien gets in again through a new connection. It comes after
 * the ssh module, which opens a moved SSH port for the time in between.
 */
public final class FirewallModule extends ProbedModule<FirewallDesired, FirewallFacts> {
  public static final String NAME = "firewall";

  private static final String PROBE = ProbeScripts.load(FirewallModule.class, "probe.sh");

  public FirewallModule() {
    super(NAME, Set.of("packages", "ssh"), FirewallFacts::parse, FirewallModule::decide);
  }
  static final String LOAD = "nft -f " + Ruleset.PATH;
  static final Change.Guard GUARD = new Change.Guard(List.of(Ruleset.PATH),
      "if [ -f " + Ruleset.PATH + " ]; then nft -f " + Ruleset.PATH + "; else nft delete table inet gardien; fi");

  /** {@inheritDoc} Here: the firewall is always managed, with nft. */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return Set.of("nftables");
  }

  /** {@inheritDoc} Here: the ruleset loaded at boot, and the ports it opens (the SSH port, the manifest's). */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    java.util.Set<String> open = new java.util.TreeSet<>();
    if (spec.firewall().openSsh()) {
      open.add(spec.ssh().port() + "/tcp");
    }
    spec.firewall().ports().forEach(rule -> open.add(rule.port() + "/" + rule.protocol()));
    return new Expectations(Set.of("nftables.service"), open, java.util.Map.of());
  }

  @Override
  public FirewallDesired desired(Target target) {
    String text = Ruleset.render(target.spec().firewall(), target.spec().ssh());
    return new FirewallDesired(text, Ruleset.fingerprintOf(text),
        Ruleset.summary(target.spec().firewall(), target.spec().ssh()));
  }

  @Override
  public String probe(FirewallDesired desired) {
    return PROBE.replace("@FINGERPRINT@", Shell.quote(desired.fingerprint()));
  }

  /** Compares the desired state with the facts. Pure. */
  static ModulePlan decide(FirewallDesired desired, FirewallFacts facts) {
    List<Change> changes = new ArrayList<>();
    Step.PutFile file = new Step.PutFile(Ruleset.PATH, desired.ruleset(), "0755", "root", "root",
        "nft -c -f " + Ruleset.PATH);
    String open = desired.summary();
    if (!facts.file().matches(file)) {
      List<Step> steps = List.of(file, new Step.Run(LOAD));
      changes.add((facts.file().exists()
          ? Change.update("nftables ruleset " + Ruleset.PATH, "differs", open, steps)
          : Change.add("nftables ruleset " + Ruleset.PATH, open, steps)).guarded(GUARD));
    } else if (!facts.liveMatches()) {
      changes.add(Change.update("live nftables table inet gardien", "not the file's", open,
          List.of(new Step.Run(LOAD))).guarded(GUARD));
    }
    if (!facts.enabled()) {
      changes.add(Change.update("service nftables", "not loaded at boot", "loaded at boot",
          List.of(new Step.Run("systemctl enable nftables.service"))));
    }
    return ModulePlan.of(changes);
  }
}
