package com.conobium.gardien.modules.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FirewallSpec.PortRule;
import com.conobium.gardien.model.FirewallSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SshSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirewallModuleTest {
  private final FirewallModule module = new FirewallModule();
  private final FirewallSpec standard = new FirewallSpec(null, null, null, null);
  private final SshSpec ssh = new SshSpec(2222, false, false, List.of("198.18.0.0/15", "2001:db8::/32"));

  private FirewallDesired desired(FirewallSpec firewall, SshSpec ssh) {
    ServerSpec spec = ServerSpec.builder().ssh(ssh).firewall(firewall).build();
    return module.desired(new Target(new Server("s", null, spec, Path.of("s.yaml")),
        new FleetSpec(null, null, null, null, null)));
  }

  @Test
  void theStandardOfferOpensPingSshFromItsSourcesAndTheWeb() {
    String text = desired(standard, ssh).ruleset();
    String fp = Ruleset.fingerprintOf(text);
    assertThat(fp).matches("gardien-[0-9a-f]{16}");
    assertThat(text).isEqualTo("""
        #!/usr/sbin/nft -f
        # Managed by Gardien from the server's manifest (firewall:, ssh:): edits here are reverted.
        # Only the inet gardien table is Gardien's; other tables (fail2ban's) are left alone.
        table inet gardien
        delete table inet gardien
        table inet gardien {
          chain input {
            type filter hook input priority 0; policy drop;
            ct state established,related accept comment "%s"
            ct state invalid drop
            iif "lo" accept
            icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, nd-router-advert } accept
            icmp type echo-request accept
            icmpv6 type echo-request accept
            ip saddr { 198.18.0.0/15 } tcp dport 2222 accept comment "ssh"
            ip6 saddr { 2001:db8::/32 } tcp dport 2222 accept comment "ssh"
            tcp dport { 80, 443 } accept
          }
        }
        """.formatted(fp));
    assertThat(desired(standard, ssh).summary()).isEqualTo("policy drop; ssh 2222 from 198.18.0.0/15, 2001:db8::/32; tcp 80, 443");
  }

  @Test
  void sourcesProtocolsAcceptPolicyAndNoPing() {
    FirewallSpec spec = new FirewallSpec("accept", false, true, List.of(
        new PortRule(3306, null, List.of("198.18.5.0/24")), new PortRule(51820, "udp", null), new PortRule(80, null, null)));
    String text = desired(spec, new SshSpec(22, false, false, null)).ruleset();
    assertThat(text).contains("policy accept;").doesNotContain("echo-request")
        .contains("    tcp dport 22 accept comment \"ssh\"\n")
        .contains("    tcp dport 80 accept\n")
        .contains("    ip saddr { 198.18.5.0/24 } tcp dport 3306 accept\n")
        .contains("    udp dport 51820 accept\n");
  }

  @Test
  void theFingerprintFollowsTheContent() {
    assertThat(desired(standard, ssh).fingerprint()).isNotEqualTo(desired(standard, new SshSpec(2200, false, false, null)).fingerprint());
    assertThat(desired(standard, ssh).fingerprint()).isEqualTo(desired(standard, ssh).fingerprint());
  }

  @Test
  void nftAcceptsTheRenderedFile(@TempDir Path dir) throws Exception {
    // the same check the server runs before loading; scripts/install-test-deps installs nft here
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "nft is not installed");
    Path file = dir.resolve("nftables.conf");
    Files.writeString(file, desired(standard, ssh).ruleset());
    Process p = new ProcessBuilder("/usr/sbin/nft", "-c", "-f", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void convergedMeansNothingToDo() {
    FirewallDesired d = desired(standard, ssh);
    FileFacts file = FileFacts.written(new Step.PutFile(Ruleset.PATH, d.ruleset(), "0755", "root", "root", null));
    assertThat(module.plan(d, new FirewallFacts(file, true, true)).changes()).isEmpty();
  }

  @Test
  void aNewRulesetIsCheckedWrittenLoadedAndGuarded() {
    FirewallDesired d = desired(standard, ssh);
    List<Change> changes = module.plan(d, new FirewallFacts(FileFacts.absent(), false, false)).changes();
    assertThat(changes).extracting(c -> c.action().sign() + " " + c.resource())
        .containsExactly("+ nftables ruleset /etc/nftables.conf", "~ service nftables");
    Change load = changes.get(0);
    assertThat(((Step.PutFile) load.steps().get(0)).validate()).isEqualTo("nft -c -f /etc/nftables.conf");
    assertThat(load.steps().get(1)).isEqualTo(new Step.Run("nft -f /etc/nftables.conf"));
    assertThat(load.guard()).isEqualTo(FirewallModule.GUARD);
    assertThat(changes.get(1).guard()).isNull();
  }

  @Test
  void aLiveTableChangedByHandIsReloadedFromTheFile() {
    FirewallDesired d = desired(standard, ssh);
    FileFacts file = FileFacts.written(new Step.PutFile(Ruleset.PATH, d.ruleset(), "0755", "root", "root", null));
    assertThat(module.plan(d, new FirewallFacts(file, false, true)).changes()).singleElement().satisfies(c -> {
      assertThat(c.resource()).isEqualTo("live nftables table inet gardien");
      assertThat(c.steps()).containsExactly(new Step.Run("nft -f /etc/nftables.conf"));
      assertThat(c.guard()).isNotNull();
    });
  }

  @Test
  void theProbeLooksForTheDesiredFingerprint() {
    FirewallDesired d = desired(standard, ssh);
    assertThat(module.probe(d)).contains("*'" + d.fingerprint() + "'*)");
  }
}
