package com.conobium.gardien.modules.fail2ban;

import java.util.Map;
import java.util.Optional;

/**
 * The log file a jail reads, for jails whose log only exists once another service is installed.
 * fail2ban refuses to start when an enabled jail has no log file ("Have not found any log file for
 * nginx-http-auth jail"), so such a jail is enabled only once its file exists. Jails read from the
 * systemd journal (sshd) need no file.
 */
final class JailLogFiles {
  /** Debian's nginx error log: {@code nginx_error_log} of fail2ban's paths-common.conf matches it. */
  static final String NGINX_ERROR_LOG = "/var/log/nginx/error.log";
  /** Debian's nginx access log, which exists from the same moment as its error log. */
  static final String NGINX_ACCESS_LOG = "/var/log/nginx/access.log";

  private static final Map<String, String> FILE_OF_JAIL =
      Map.of(
          "nginx-http-auth", NGINX_ERROR_LOG,
          "nginx-botsearch", NGINX_ERROR_LOG,
          "nginx-limit-req", NGINX_ERROR_LOG,
          GardienJailFile.SCAN_JAIL, NGINX_ERROR_LOG);

  private JailLogFiles() {}

  /** The file {@code jail} needs, or empty when it reads the journal or its file is not known. */
  static Optional<String> of(String jail) {
    return Optional.ofNullable(FILE_OF_JAIL.get(jail));
  }
}
