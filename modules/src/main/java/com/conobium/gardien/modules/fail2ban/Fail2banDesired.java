package com.conobium.gardien.modules.fail2ban;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one server's fail2ban should be.
 *
 * @param enabled whether fail2ban is managed and running; when false Gardien's jail file is removed
 *     and the service stopped and disabled (the package itself is left installed)
 * @param jails jail names to enable, in manifest order, without duplicates
 * @param maxRetry failures before a ban
 * @param findTime window in which failures are counted, fail2ban syntax, e.g. {@code 10m}
 * @param banTime ban duration, e.g. {@code 1h}
 * @param ignoreIp addresses or CIDRs never banned, besides loopback
 * @param sshPort the port sshd listens on, which the {@code sshd} jail bans
 * @param nginxManaged whether Gardien installs nginx ({@code web.enabled}): its error log then
 *     exists by the time this module applies (the packages module installs nginx first), so the
 *     nginx jails are planned even on a server that has no nginx yet
 * @param controllerAddresses addresses Gardien reaches servers from (the Fleet's
 *     {@code controllerAddresses}), never banned; when empty, the address the server sees Gardien's
 *     SSH connection come from is used instead (a fact, see {@link Fail2banFacts#controller()})
 * @param siteLogDirs the log folders of the server's sites ({@code /srv/www/SITE/logs}), whose nginx
 *     logs the nginx jails read besides nginx's own
 */
public record Fail2banDesired(
    boolean enabled,
    List<String> jails,
    int maxRetry,
    String findTime,
    String banTime,
    List<String> ignoreIp,
    int sshPort,
    boolean nginxManaged,
    List<String> controllerAddresses,
    List<String> siteLogDirs) {
  private static final Pattern JAIL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern DURATION = Pattern.compile("[0-9]+[smhdw]?");
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:/]+");
  private static final Pattern LOG_DIR = Pattern.compile("(/[a-z0-9][a-z0-9._-]*)+");

  public Fail2banDesired {
    jails = List.copyOf(new LinkedHashSet<>(jails));
    ignoreIp = List.copyOf(new LinkedHashSet<>(ignoreIp));
    controllerAddresses = List.copyOf(new LinkedHashSet<>(controllerAddresses));
    siteLogDirs = List.copyOf(new LinkedHashSet<>(siteLogDirs));
    for (String address : controllerAddresses) {
      require(ADDRESS, address, "address or CIDR");
    }
    for (String dir : siteLogDirs) {
      require(LOG_DIR, dir, "log folder");
    }
    for (String jail : jails) {
      require(JAIL, jail, "jail name");
    }
    for (String address : ignoreIp) {
      require(ADDRESS, address, "address or CIDR");
    }
    require(DURATION, findTime, "duration");
    require(DURATION, banTime, "duration");
    if (maxRetry < 1) {
      throw new IllegalArgumentException("maxRetry must be at least 1: " + maxRetry);
    }
    if (sshPort < 1 || sshPort > 65535) {
      throw new IllegalArgumentException("not a port: " + sshPort);
    }
  }

  /** Without nginx managed by Gardien: the nginx jails wait for their log file. */
  public Fail2banDesired(boolean enabled, List<String> jails, int maxRetry, String findTime, String banTime,
      List<String> ignoreIp, int sshPort) {
    this(enabled, jails, maxRetry, findTime, banTime, ignoreIp, sshPort, false);
  }

  /** Without sites, and with the controller's address as the server sees it. */
  public Fail2banDesired(boolean enabled, List<String> jails, int maxRetry, String findTime, String banTime,
      List<String> ignoreIp, int sshPort, boolean nginxManaged) {
    this(enabled, jails, maxRetry, findTime, banTime, ignoreIp, sshPort, nginxManaged, List.of(), List.of());
  }

  private static void require(Pattern pattern, String value, String what) {
    if (!pattern.matcher(value).matches()) {
      throw new IllegalArgumentException("not a " + what + ": " + value);
    }
  }
}
