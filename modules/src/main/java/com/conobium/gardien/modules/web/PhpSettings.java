package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.Step;

/**
 * Gardien's PHP-FPM settings for every pool, {@code /etc/php/V/fpm/conf.d/99-gardien.ini}: PHP's
 * version is not advertised, errors are logged and never shown. Per-site settings (user, socket,
 * {@code open_basedir}, memory) live in each site's pool. Pure.
 */
public final class PhpSettings {
  private PhpSettings() {}

  /** The file's path for PHP {@code version}. */
  public static String path(String version) {
    return "/etc/php/" + version + "/fpm/conf.d/99-gardien.ini";
  }

  /** The file, validated by {@code php-fpmV -t} before it is kept. */
  static Step.PutFile render(WebDesired desired) {
    String text = """
        ; Managed by Gardien (web: ...): edits here are reverted.
        expose_php = Off
        display_errors = Off
        display_startup_errors = Off
        log_errors = On
        allow_url_include = Off
        session.use_strict_mode = 1
        session.cookie_httponly = 1
        """;
    return new Step.PutFile(path(desired.phpVersion()), text, "0644", "root", "root",
        WebDesired.phpTest(desired.phpVersion()));
  }
}
