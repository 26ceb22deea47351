package com.conobium.gardien.model.load;

import com.conobium.gardien.model.FirewallSpec.PortRule;
import com.conobium.gardien.model.MaintenanceSpec;
import com.conobium.gardien.model.MonitoringSpec;
import com.conobium.gardien.model.Patterns;
import com.conobium.gardien.model.Problem;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules a server's effective spec must keep beyond its schema, and those that span the fleet
 * (a domain served by two sites). Each broken rule is one problem at the field that breaks it.
 */
final class ServerRules {
  /**
   * Names a site may not take: its name becomes a Debian user, a group, a MariaDB user and a
   * database, so the system's users and groups (Debian 13's base and the offer's packages) and
   * MariaDB's own names are refused, besides the server's admin and login users.
   */
  static final Set<String> RESERVED_NAMES = Set.of(
      "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
      "www-data", "backup", "list", "irc", "gnats", "nobody", "nogroup", "adm", "tty", "disk", "kmem",
      "dialout", "cdrom", "floppy", "tape", "sudo", "audio", "dip", "video", "plugdev", "staff", "users",
      "operator", "shadow", "utmp", "voice", "sasl", "src", "input", "kvm", "render", "netdev", "crontab",
      "messagebus", "sshd", "_apt", "_chrony", "chrony", "mysql", "mariadb", "postfix", "postdrop",
      "systemd-journal", "systemd-network", "systemd-resolve", "systemd-timesync", "systemd-coredump",
      "polkitd", "uuidd", "tss", "ssl-cert", "fail2ban", "nginx", "php", "gardien", "information_schema",
      "performance_schema");

  /** Domain → where it was first claimed, across the whole fleet. */
  private final Map<String, String> domains = new HashMap<>();
  /** Address → the server that has it, across the whole fleet. */
  private final Map<String, String> addresses = new HashMap<>();
  private final List<String> controllerAddresses;

  /** @param controllerAddresses the Fleet's controllerAddresses: SSH must stay open to them */
  ServerRules(List<String> controllerAddresses) {
    this.controllerAddresses = List.copyOf(controllerAddresses);
  }

  void check(String server, ServerSpec spec, Locator at, Consumer<Problem> problems) {
    String address = spec.connection().address();
    if (address == null || address.isBlank()) {
      problems.accept(at.problem("connection.address", "missing required field 'address': how Gardien reaches the server"));
    } else {
      String first = addresses.putIfAbsent(address.toLowerCase(java.util.Locale.ROOT), server);
      if (first != null) {
        problems.accept(at.problem("connection.address", "address " + address + " is already server " + first
            + "'s: two manifests for one server would undo each other's changes (its passwords among them)"));
      }
    }
    firewall(spec, at, problems);
    cidrs("ssh.allowFrom", spec.ssh().allowFrom(), at, problems);
    sshReachesControllers(spec, at, problems);
    cidrs("fail2ban.ignoreIp", spec.fail2ban().ignoreIp(), at, problems);
    packages(spec, at, problems);
    sysctl(spec, at, problems);
    sites(server, spec, at, problems);
    monitoringChecks(spec, at, problems);
    maintenance(spec, at, problems);
  }

  /** Each maintenance check is one of the ten, listed once; the disk thresholds are in order. */
  private static void maintenance(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    List<String> checks = spec.maintenance().checks();
    for (int i = 0; i < checks.size(); i++) {
      String check = checks.get(i);
      if (!MaintenanceSpec.DEFAULT_CHECKS.contains(check)) {
        problems.accept(at.problem("maintenance.checks[" + i + "]", "'" + check + "' is not a maintenance operation;"
            + " expected one of " + String.join(", ", MaintenanceSpec.DEFAULT_CHECKS)));
      } else if (checks.indexOf(check) < i) {
        problems.accept(at.problem("maintenance.checks[" + i + "]", "'" + check + "' is listed twice"));
      }
    }
    if (spec.maintenance().diskWarningPercent() >= spec.maintenance().diskFailurePercent()) {
      problems.accept(at.problem("maintenance.diskWarningPercent", "the warning threshold ("
          + spec.maintenance().diskWarningPercent() + " %) must be below the failure threshold ("
          + spec.maintenance().diskFailurePercent() + " %)"));
    }
  }

  /**
   * Each added check is a TCP port or a site's path, not both; a site it asks is one of the
   * server's with a domain to ask by; no two checks share a name (their metrics would mix).
   */
  private static void monitoringChecks(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    List<MonitoringSpec.CheckSpec> checks = spec.monitoring().checks();
    Map<String, Integer> names = new HashMap<>();
    names.put("ssh", -1);
    spec.sites().forEach(site -> names.put("site " + site.name(), -1));
    for (int i = 0; i < checks.size(); i++) {
      MonitoringSpec.CheckSpec c = checks.get(i);
      String path = "monitoring.checks[" + i + "]";
      if (c == null || (c.tcp() == null) == (c.http() == null)) {
        problems.accept(at.problem(path, "a check is exactly one of 'tcp: PORT' and 'http: {site: …}'"));
        continue;
      }
      if (c.http() != null) {
        String site = c.http().site();
        if (site == null) {
          problems.accept(at.problem(path + ".http", "missing required field 'site': the site whose domain is asked"));
          continue;
        }
        boolean known = spec.sites().stream().anyMatch(s -> s.name().equals(site) && !s.domains().isEmpty());
        if (!known || !spec.web().enabled()) {
          problems.accept(at.problem(path + ".http.site", "no site '" + site + "' with a domain is served here"
              + (spec.web().enabled() ? "" : " (web.enabled is false)")));
        }
      }
      Integer first = names.putIfAbsent(c.displayName(), i);
      if (first != null) {
        problems.accept(at.problem(path + (c.name() == null ? "" : ".name"), "the check name '" + c.displayName()
            + "' is taken" + (first < 0 ? " by a built-in check" : " by monitoring.checks[" + first + "]")
            + ": give it a name of its own"));
      }
    }
  }

  /** Every sysctl parameter is a parameter's name, and its value one sysctl.d can carry. */
  private static void sysctl(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    spec.hardening().sysctl().forEach((key, value) -> {
      String path = "hardening.sysctl." + key;
      if (!key.matches(Patterns.SYSCTL_KEY)) {
        problems.accept(at.problem(path, "'" + key + "' is not a sysctl parameter such as net.ipv4.conf.all.rp_filter"));
      } else if (value == null || !value.matches(Patterns.SYSCTL_VALUE)) {
        problems.accept(at.problem(path, "sysctl value '" + value + "' may hold letters, digits, spaces"
            + " and . _ : - only (or be empty to leave the parameter to the kernel)"));
      }
    });
  }

  private void firewall(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    int ssh = spec.ssh().port();
    List<PortRule> rules = spec.firewall().ports();
    Map<String, Integer> seen = new HashMap<>();
    boolean sshOpenedByRule = false;
    for (int i = 0; i < rules.size(); i++) {
      PortRule r = rules.get(i);
      String path = "firewall.ports[" + i + "]";
      if (r.port() == null) {
        problems.accept(at.problem(path, "missing required field 'port'"));
        continue;
      }
      String key = r.port() + "/" + r.protocol();
      Integer first = seen.putIfAbsent(key, i);
      if (first != null) {
        problems.accept(at.problem(path + ".port", "port " + key + " is listed twice (also firewall.ports[" + first + "])"));
      }
      if (r.port() == ssh && "tcp".equals(r.protocol())) {
        sshOpenedByRule = true;
        if (spec.firewall().openSsh() && !webClash(spec)) {
          problems.accept(at.problem(path + ".port", "port " + ssh + " is the SSH port, which firewall.openSsh already opens"
              + " (limit SSH sources with ssh.allowFrom, or set firewall.openSsh: false)"));
        }
      }
      cidrs(path + ".sources", r.sources(), at, problems);
    }
    if (!spec.firewall().openSsh() && !sshOpenedByRule && "drop".equals(spec.firewall().inputPolicy())) {
      problems.accept(at.problem("firewall.openSsh", "the firewall does not open the SSH port " + ssh
          + ": Gardien would lock itself out (set openSsh: true or add a rule for port " + ssh + ")"));
    }
    if (webClash(spec)) {
      problems.accept(at.problem("ssh.port", "SSH port " + ssh + " clashes with the web server (80 and 443)"));
    }
  }

  private static boolean webClash(ServerSpec spec) {
    return spec.web().enabled() && (spec.ssh().port() == 80 || spec.ssh().port() == 443);
  }

  private static void cidrs(String path, List<String> values, Locator at, Consumer<Problem> problems) {
    for (int i = 0; i < values.size(); i++) {
      if (!Cidr.valid(values.get(i))) {
        problems.accept(at.problem(path + "[" + i + "]", "not an IP address or CIDR block: \"" + values.get(i) + "\""));
      }
    }
  }

  private static void packages(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    List<String> remove = spec.packages().remove();
    for (int i = 0; i < remove.size(); i++) {
      if (spec.packages().install().contains(remove.get(i))) {
        problems.accept(at.problem("packages.remove[" + i + "]",
            "package '" + remove.get(i) + "' is both in packages.install and packages.remove"));
      }
    }
  }

  /**
   * With the fleet's controller addresses named, {@code ssh.allowFrom} must let each of them in:
   * otherwise the firewall change would cut Gardien off, and only the rollback guard would save the
   * server.
   */
  private void sshReachesControllers(ServerSpec spec, Locator at, Consumer<Problem> problems) {
    List<String> allowFrom = spec.ssh().allowFrom();
    if (allowFrom.isEmpty() || !allowFrom.stream().allMatch(Cidr::valid)) {
      return;
    }
    for (String controller : controllerAddresses) {
      if (Cidr.valid(controller) && allowFrom.stream().noneMatch(block -> Cidr.contains(block, controller))) {
        problems.accept(at.problem("ssh.allowFrom", "does not include Gardien's controller address " + controller
            + " (Fleet controllerAddresses): SSH would be closed to Gardien"));
      }
    }
  }

  private void sites(String server, ServerSpec spec, Locator at, Consumer<Problem> problems) {
    Set<String> names = new HashSet<>();
    Set<String> taken = new HashSet<>();
    taken.add(spec.accounts().admin().name());
    if (spec.connection().user() != null) {
      taken.add(spec.connection().user());
    }
    for (int i = 0; i < spec.sites().size(); i++) {
      SiteSpec site = spec.sites().get(i);
      String path = "sites[" + i + "]";
      if (site.name() == null) {
        problems.accept(at.problem(path, "missing required field 'name'"));
      } else if (!names.add(site.name())) {
        problems.accept(at.problem(path + ".name", "site '" + site.name() + "' is defined twice on server " + server));
      } else if (RESERVED_NAMES.contains(site.name()) || site.name().startsWith("systemd-")) {
        problems.accept(at.problem(path + ".name", "'" + site.name() + "' is a name of the system (a Debian user or"
            + " group, or MariaDB's own); a site's name becomes a user, a group, a database and its user"));
      } else if (taken.contains(site.name())) {
        problems.accept(at.problem(path + ".name", "'" + site.name() + "' is the server's admin or login user;"
            + " a site's name becomes a user of its own"));
      }
      if (site.domains().isEmpty()) {
        problems.accept(at.problem(path + ".domains", "a site needs at least one domain"));
      }
      for (int d = 0; d < site.domains().size(); d++) {
        String domain = site.domains().get(d);
        String dp = path + ".domains[" + d + "]";
        if (!DomainName.valid(domain)) {
          problems.accept(at.problem(dp, "not a valid domain name: \"" + domain + "\""));
          continue;
        }
        String here = server + " site " + site.name();
        String first = domains.putIfAbsent(domain, here);
        if (first != null) {
          problems.accept(at.problem(dp, "domain " + domain + " is already served by " + first));
        }
      }
      if ("provided".equals(site.tls().mode())) {
        if (site.tls().certificate() == null) {
          problems.accept(at.problem(path + ".tls", "tls.mode provided needs 'certificate': the name of the PEM certificate chain in the secret store"));
        }
        if (site.tls().key() == null) {
          problems.accept(at.problem(path + ".tls", "tls.mode provided needs 'key': the name of the PEM private key in the secret store"));
        }
      }
    }
  }
}
