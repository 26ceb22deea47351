package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Sshd;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SSH daemon: port, root login, password logins and strong algorithms, through one drop-in.
 * Every change is checked with {@code sshd -t} before sshd reloads, and is guarded: the server
 * puts the previous drop-in back by itself unless Gardien gets in again through a new connection.
 */
public final class SshModule extends ProbedModule<SshDesired, SshFacts> {
  public static final String NAME = "ssh";

  private static final String PROBE = ProbeScripts.load(SshModule.class, "probe.sh");

  public SshModule() {
    // the admin user and its keys exist before sshd stops letting root in
    super(NAME, Set.of("packages", "accounts"), SshFacts::parse, SshModule::decide);
  }

  /** {@inheritDoc} Here: sshd. */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    return Expectations.units("ssh.service");
  }

  @Override
  public SshDesired desired(Target target) {
    List<String> siteUsers = SitesSftpDropIn.users(target.spec());
    return new SshDesired(target.spec().ssh().port(), SshdDropIn.render(target.spec(), target.fleet().controllerAddresses()), siteUsers,
        SitesSftpDropIn.render(siteUsers));
  }

  @Override
  public String probe(SshDesired desired) {
    return PROBE;
  }

  /** Compares the desired state with the facts. Pure. */
  static ModulePlan decide(SshDesired desired, SshFacts facts) {
    List<Change> changes = new ArrayList<>();
    mainChange(desired, facts).ifPresent(changes::add);
    sitesChange(desired, facts).ifPresent(changes::add);
    return ModulePlan.of(changes);
  }

  /** Gardien's main drop-in (port, logins, algorithms), and sshd running. */
  private static Optional<Change> mainChange(SshDesired desired, SshFacts facts) {
    Step.PutFile file = new Step.PutFile(SshdDropIn.PATH, desired.dropIn(), "0644", "root", "root", "sshd -t");
    if (facts.dropIn().matches(file) && facts.active()) {
      return Optional.empty();
    }
    List<Step> steps = List.of(file, new Step.Run(openPort(desired.port())), new Step.Run(Sshd.reload(desired.port())));
    Change.Guard guard = new Change.Guard(List.of(SshdDropIn.PATH), Sshd.RELOAD + "\n" + CLOSE_MOVED_PORT);
    String after = summary(desired);
    Change change = !facts.dropIn().exists()
        ? Change.add("sshd configuration " + SshdDropIn.PATH, after, steps)
        : Change.update("sshd configuration " + SshdDropIn.PATH,
            facts.dropIn().contentMatches(desired.dropIn()) ? "sshd stopped" : "differs", after, steps);
    return Optional.of(change.guarded(guard));
  }

  /** The sites' SFTP drop-in: written, changed or removed, sshd reloaded, guarded as the main one. */
  private static Optional<Change> sitesChange(SshDesired desired, SshFacts facts) {
    String resource = "sshd configuration " + SitesSftpDropIn.PATH;
    Change.Guard guard = new Change.Guard(List.of(SitesSftpDropIn.PATH), Sshd.RELOAD);
    Step reload = new Step.Run(Sshd.reload(desired.port()));
    if (desired.sitesDropIn().isEmpty()) {
      return facts.sitesDropIn().exists()
          ? Optional.of(Change.remove(resource, "SFTP chroots",
              List.of(new Step.Run("rm -f " + SitesSftpDropIn.PATH), reload)).guarded(guard))
          : Optional.empty();
    }
    Step.PutFile file = new Step.PutFile(SitesSftpDropIn.PATH, desired.sitesDropIn().get(), "0644", "root", "root",
        "sshd -t");
    if (facts.sitesDropIn().matches(file)) {
      return Optional.empty();
    }
    String after = "SFTP only, chrooted: " + String.join(", ", desired.siteUsers());
    List<Step> steps = List.of(file, reload);
    return Optional.of((facts.sitesDropIn().exists()
        ? Change.update(resource, facts.sitesDropIn().contentMatches(file.content()) ? facts.sitesDropIn().attributes()
            : "differs", after, steps)
        : Change.add(resource, after, steps)).guarded(guard));
  }

  /**
   * Opens the new port in Gardien's firewall table, if there is one, for the time until the
   * firewall module (which comes after this one) loads the ruleset made for it: otherwise a moved
   * port could never be confirmed.
   */
  static String openPort(int port) {
    return "if nft list table inet gardien >/dev/null 2>&1; then\n"
        + "  nft insert rule inet gardien input tcp dport " + port + " accept comment '\"gardien: sshd moving\"'\n"
        + "fi";
  }

  /**
   * Undoes {@link #openPort} when a move is rolled back: the firewall's own ruleset (Debian's
   * {@code /etc/nftables.conf}, which the firewall module writes and had not changed yet) is
   * loaded again, so sshd, the firewall and fail2ban (which comes after this module and was not
   * run) are all back on the old port.
   */
  static final String CLOSE_MOVED_PORT = "if [ -f /etc/nftables.conf ] && nft list table inet gardien >/dev/null 2>&1; then\n"
      + "  nft -f /etc/nftables.conf\n"
      + "fi";

  private static String summary(SshDesired desired) {
    String text = desired.dropIn();
    return "port " + desired.port() + ", root login " + value(text, "PermitRootLogin") + ", passwords "
        + value(text, "PasswordAuthentication");
  }

  private static String value(String text, String keyword) {
    return text.lines().filter(l -> l.startsWith(keyword + " ")).map(l -> l.substring(keyword.length() + 1))
        .findFirst().orElse("?");
  }
}
