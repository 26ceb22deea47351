package com.conobium.gardien.modules.packages;

import com.conobium.gardien.model.ServerSpec;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The packages other modules need, computed from the whole spec. This is how a module asks for
 * packages: it adds its rule here, and the packages module (which every such module runs
 * {@link com.conobium.gardien.modules.spi.ResourceModule#after after}) installs them in the same apt
 * run as the manifest's own list. Pure.
 *
 * <p>A module that needs a package only when it is enabled adds it under that condition (e.g. the
 * web module: nginx when {@code web.enabled}).
 */
public final class RequiredPackages {
  /** The time module: chrony keeps the clock, tzdata provides the time zones (no longer required on trixie). */
  static final Set<String> TIME = Set.of("chrony", "tzdata");

  /** The accounts module: sudo gives the admin user root rights ({@code /etc/sudoers.d}, {@code visudo}). */
  static final Set<String> ACCOUNTS = Set.of("sudo");

  /**
   * The fail2ban module, when {@code fail2ban.enabled}: fail2ban (which on Debian 13 depends on
   * python3-systemd, its journal backend), and nftables, only recommended by fail2ban but needed by
   * its nftables ban actions ({@code nft}); apt runs with {@code --no-install-recommends}.
   */
  static final Set<String> FAIL2BAN = Set.of("fail2ban", "nftables");

  /** Every package the modules need for {@code spec}. */
  public SortedSet<String> of(ServerSpec spec) {
    SortedSet<String> needed = new TreeSet<>();
    needed.addAll(TIME); // time is always managed
    needed.addAll(ACCOUNTS); // so are accounts
    needed.add("nftables"); // the firewall module: the firewall is always managed
    if (spec.alerts().rootLogin().enabled()) {
      needed.add("msmtp"); // the alerts module mails root logins through the fleet's relay
    }
    if (spec.fail2ban().enabled()) {
      needed.addAll(FAIL2BAN);
    }
    if (spec.web().enabled()) {
      // the web module: nginx and PHP-FPM; openssl makes the sites' placeholder certificates
      needed.add("nginx");
      needed.add("php" + spec.web().phpVersion() + "-fpm");
      needed.add("openssl");
      if (spec.database().enabled()) {
        needed.add("php" + spec.web().phpVersion() + "-mysql"); // PHP's mysqli and PDO for the sites
      }
    }
    if (spec.database().enabled()) {
      needed.add("mariadb-server"); // the database module
    }
    if (spec.hardening().enabled()) {
      needed.addAll(spec.hardening().tools()); // the hardening module's audit and hygiene tools
    }
    if (spec.backup().enabled()) {
      needed.add("restic"); // the backup module; ssh (openssh-client) comes with openssh-server
    }
    return needed;
  }
}
