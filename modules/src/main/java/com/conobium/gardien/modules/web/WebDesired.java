package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.WebServer;
import java.util.regex.Pattern;

/**
 * What one server's nginx and PHP-FPM should be.
 *
 * @param enabled whether the web stack is managed; when false this module plans nothing
 * @param phpVersion PHP version of Debian's packages, e.g. {@code 8.4}
 * @param clientMaxBodySize nginx {@code client_max_body_size}, e.g. {@code 64m}
 * @param hsts whether HTTPS responses carry Strict-Transport-Security
 * @param compression whether nginx compresses responses (gzip)
 */
public record WebDesired(boolean enabled, String phpVersion, String clientMaxBodySize, boolean hsts,
    boolean compression) {
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+");
  private static final Pattern SIZE = Pattern.compile("[0-9]+[kKmMgG]?");

  /** Without compression (the default). */
  public WebDesired(boolean enabled, String phpVersion, String clientMaxBodySize, boolean hsts) {
    this(enabled, phpVersion, clientMaxBodySize, hsts, false);
  }

  public WebDesired {
    if (!VERSION.matcher(phpVersion).matches()) {
      throw new IllegalArgumentException("not a PHP version: " + phpVersion);
    }
    if (!SIZE.matcher(clientMaxBodySize).matches()) {
      throw new IllegalArgumentException("not a size: " + clientMaxBodySize);
    }
  }

  /** The PHP-FPM unit, e.g. {@code php8.4-fpm.service}. */
  public String phpUnit() {
    return phpUnit(phpVersion);
  }

  /** The PHP-FPM unit of {@code version}. */
  public static String phpUnit(String version) {
    return WebServer.phpUnit(version);
  }

  /** PHP-FPM's configuration test of {@code version}, e.g. {@code php-fpm8.4 -t}. */
  public static String phpTest(String version) {
    return WebServer.phpTest(version);
  }
}
