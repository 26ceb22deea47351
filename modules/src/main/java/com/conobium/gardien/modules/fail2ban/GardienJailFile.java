package com.conobium.gardien.modules.fail2ban;

import com.conobium.gardien.modules.spi.Step;
import java.util.List;

/**
 * Gardien's own jail file. fail2ban reads {@code jail.conf}, then {@code jail.d/*.conf}, then
 * {@code jail.local}, then {@code jail.d/*.local}, so this file overrides Debian's
 * {@code jail.d/defaults-debian.conf} without editing any file Debian ships. Rendering is
 * deterministic: the same desired state and jails give the same bytes.
 */
final class GardienJailFile {
  static final String DIRECTORY = "/etc/fail2ban/jail.d";
  static final String PATH = DIRECTORY + "/gardien.local";

  /** Tests the whole configuration (jail.conf and every jail.d file) with the new file in place. */
  static final String VALIDATE = "fail2ban-client -t";

  /**
   * Debian 13's OpenSSH logs failed logins from {@code sshd-session}, but Debian's
   * defaults-debian.conf matches only {@code _COMM=sshd}, which would never ban; this is the match
   * of fail2ban's own filter.d/sshd.conf.
   */
  static final String SSHD_JOURNAL_MATCH = "_SYSTEMD_UNIT=ssh.service + _COMM=sshd + _COMM=sshd-session";

  /**
   * Stands for the address the server sees Gardien's SSH connection come from, after a space, in
   * the file as {@link #template} renders it; the probe and the planner put the space and the
   * address in its place, or nothing when the address is not known.
   */
  static final String CONTROLLER = " @GARDIEN_CONTROLLER@";

  /**
   * Gardien's own jail for scanners: requests a visitor never makes (WordPress login and XML-RPC on
   * a site, dot files, admin tools, other platforms' scripts) answered with an error, read from
   * every site's nginx access log.
   */
  static final String SCAN_JAIL = "nginx-scan";

  /** The paths of {@link #SCAN_JAIL}, case-insensitive, anywhere in the request line. */
  static final String SCANNED_PATHS = "wp-login\\.php|xmlrpc\\.php|/wp-admin|/wp-includes|/\\.env|/\\.git/"
      + "|/\\.aws|phpmyadmin|/pma/|myadmin|/cgi-bin/|/vendor/phpunit|/boaform|/HNAP1|\\.aspx?\\b|\\.jsp\\b"
      + "|/setup\\.php|/shell\\.php|/eval-stdin\\.php";

  private GardienJailFile() {}

  /**
   * The file for {@code desired}, enabling exactly {@code jails} (a subset of the desired jails,
   * in their order), with {@code controller} (the address the server sees Gardien come from, or
   * empty) never banned unless the fleet names its controllers' addresses.
   */
  static Step.PutFile render(Fail2banDesired desired, List<String> jails, String controller) {
    return file(template(desired, jails), controller);
  }

  /** The file of a {@link #template}, with {@code controller} (or nothing, when empty) in its place. */
  static Step.PutFile file(String template, String controller) {
    String address = controller.isEmpty() ? "" : " " + controller;
    return Step.PutFile.of(PATH, template.replace(CONTROLLER, address)).validatedBy(VALIDATE);
  }

  /**
   * The file's text with {@link #CONTROLLER} where the controller's address goes (only when the
   * fleet does not name its controllers: their addresses are then in the text already). Debian
   * enables {@code sshd} on its own, so when it is not wanted it is disabled here.
   */
  static String template(Fail2banDesired desired, List<String> jails) {
    StringBuilder text = new StringBuilder("# Managed by Gardien: changes here are overwritten.\n");
    text.append("[DEFAULT]\n")
        .append("maxretry = ").append(desired.maxRetry()).append('\n')
        .append("findtime = ").append(desired.findTime()).append('\n')
        .append("bantime = ").append(desired.banTime()).append('\n')
        .append("ignoreip = 127.0.0.1/8 ::1");
    for (String address : desired.ignoreIp()) {
      text.append(' ').append(address);
    }
    // Gardien's own connections (failed handshakes while host keys are sorted out, the refused
    // bootstrap login of a managed server) must never lock it out
    if (desired.controllerAddresses().isEmpty()) {
      text.append(CONTROLLER);
    }
    for (String address : desired.controllerAddresses()) {
      text.append(' ').append(address);
    }
    text.append('\n')
        .append("banaction = nftables-multiport\n")
        .append("banaction_allports = nftables-allports\n")
        .append("backend = systemd\n");
    if (!jails.contains("sshd")) {
      text.append("\n[sshd]\nenabled = false\n");
    }
    for (String jail : jails) {
      text.append("\n[").append(jail).append("]\nenabled = true\n");
      if (jail.equals("sshd")) {
        // aggressive: with passwords off, a bot's attempts end as "Connection closed by
        // authenticating user … [preauth]", which the normal mode does not count
        text.append("port = ").append(desired.sshPort()).append('\n')
            .append("mode = aggressive\n")
            .append("journalmatch = ").append(SSHD_JOURNAL_MATCH).append('\n');
      } else if (jail.equals(SCAN_JAIL)) {
        text.append("port = http,https\n")
            .append("backend = auto\n")
            .append("# no filter file: the rule is this jail's own\n")
            .append("filter =\n")
            .append("failregex = ^<HOST> - \\S+ \\[\\] \"[A-Z]+ [^\"]*?(?i:").append(SCANNED_PATHS)
            .append(")[^\"]* HTTP/[0-9.]+\" (?:400|403|404|405|444) \n")
            .append("datepattern = ^[^\\[]*\\[({DATE})\n")
            .append("              {^LN-BEG}\n")
            .append(logPaths(JailLogFiles.NGINX_ACCESS_LOG, "access.log", desired));
      } else if (JailLogFiles.of(jail).isPresent()) {
        text.append("backend = auto\n")
            .append(logPaths(JailLogFiles.of(jail).get(), "error.log", desired));
      }
    }
    return text.toString();
  }

  /**
   * nginx's own log and each site's (its vhost logs there), one per line; a site's log that does
   * not exist yet is skipped by fail2ban, and the next change of this file (a site added or
   * removed) reloads the jails with the new list.
   */
  private static String logPaths(String nginxLog, String file, Fail2banDesired desired) {
    StringBuilder paths = new StringBuilder("logpath = ").append(nginxLog).append('\n');
    for (String dir : desired.siteLogDirs()) {
      paths.append("          ").append(dir).append('/').append(file).append('\n');
    }
    return paths.toString();
  }

  /** {@code template} cut at {@link #CONTROLLER}: the text before it and after it ("" when absent). */
  static String[] splitAtController(String template) {
    int at = template.indexOf(CONTROLLER);
    return at < 0 ? new String[] {template, ""}
        : new String[] {template.substring(0, at), template.substring(at + CONTROLLER.length())};
  }
}
