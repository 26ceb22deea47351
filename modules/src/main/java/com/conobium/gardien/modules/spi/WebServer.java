package com.conobium.gardien.modules.spi;

/**
 * The web server's names that several modules use: the web module sets nginx and PHP-FPM up, the
 * sites module adds vhosts and pools to them and reloads them. The one place they are defined.
 * Pure.
 */
public final class WebServer {
  /** nginx's unit. */
  public static final String NGINX_UNIT = "nginx.service";
  /** nginx's configuration test, run before any reload. */
  public static final String NGINX_TEST = "nginx -t";
  /** The folder of Gardien's vhosts, one file per site; Debian's {@code sites-enabled} is not read. */
  public static final String SITES_DIRECTORY = "/etc/nginx/gardien-sites";

  private WebServer() {}

  /** The PHP-FPM unit of {@code version}, e.g. {@code php8.4-fpm.service}. */
  public static String phpUnit(String version) {
    return "php" + version + "-fpm.service";
  }

  /** PHP-FPM's configuration test of {@code version}, e.g. {@code php-fpm8.4 -t}. */
  public static String phpTest(String version) {
    return "php-fpm" + version + " -t";
  }

  /** The vhost file of {@code site}. */
  public static String vhost(String site) {
    return SITES_DIRECTORY + "/" + site + ".conf";
  }
}
