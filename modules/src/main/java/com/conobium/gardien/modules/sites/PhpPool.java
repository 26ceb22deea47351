package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.WebServer;

/**
 * Renders a site's PHP-FPM pool: it runs as the site's user, listens on its own socket that only
 * the site's user and nginx's group may use (0660), and is confined by {@code open_basedir} to the
 * site's {@code public/} and {@code tmp/}. Pure.
 */
final class PhpPool {
  private PhpPool() {}

  /** The pool file, validated by {@code php-fpmV -t} before it is kept. */
  static Step.PutFile render(SiteDesired site, String phpVersion) {
    String name = site.name();
    String home = SiteLayout.home(name);
    StringBuilder text = new StringBuilder()
        .append("; Managed by Gardien (sites: ").append(name).append("): edits here are reverted.\n")
        .append("[gardien-").append(name).append("]\n")
        .append("user = ").append(name).append('\n')
        .append("group = ").append(name).append('\n')
        .append("listen = ").append(SiteLayout.socket(name)).append('\n')
        .append("listen.owner = ").append(name).append('\n')
        .append("listen.group = ").append(SiteLayout.NGINX_GROUP).append('\n')
        .append("listen.mode = 0660\n")
        .append("pm = ").append(site.pm()).append('\n')
        .append("pm.max_children = ").append(site.maxChildren()).append('\n');
    switch (site.pm()) {
      case "ondemand" -> text.append("pm.process_idle_timeout = 10s\n");
      case "dynamic" -> {
        int maxSpare = Math.max(1, Math.min(3, site.maxChildren()));
        text.append("pm.start_servers = 1\npm.min_spare_servers = 1\npm.max_spare_servers = ")
            .append(maxSpare).append('\n');
      }
      default -> { }
    }
    text.append("pm.max_requests = 500\n")
        .append("chdir = /\n")
        .append("security.limit_extensions = .php\n")
        .append("php_admin_value[open_basedir] = ").append(home).append("/public/:").append(home).append("/tmp/\n")
        .append("php_admin_value[upload_tmp_dir] = ").append(home).append("/tmp\n")
        .append("php_admin_value[session.save_path] = ").append(home).append("/tmp\n")
        .append("php_admin_value[sys_temp_dir] = ").append(home).append("/tmp\n")
        .append("php_admin_value[memory_limit] = ").append(site.memoryLimit()).append('\n')
        .append("php_admin_value[error_log] = ").append(home).append("/logs/php-error.log\n")
        .append("php_admin_flag[log_errors] = on\n");
    return new Step.PutFile(SiteLayout.poolFile(phpVersion, name), text.toString(), "0644", "root", "root",
        WebServer.phpTest(phpVersion));
  }
}
