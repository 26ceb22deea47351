package com.conobium.gardien.modules.sites;

import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.TlsPaths;
import com.conobium.gardien.modules.spi.WebServer;

/**
 * Renders a site's nginx vhost. With HTTPS, port 80 answers only the ACME challenge path (served
 * from the shared challenge directory) and redirects everything else to HTTPS, and port 443 serves
 * the site with the certificate in {@code /etc/gardien/tls/SITE/}; with {@code tls.mode: none} the
 * site is served on port 80 (the challenge path still answered). PHP goes to the site's own pool;
 * dot files other than {@code .well-known} are refused; logs go to the site's {@code logs/}. No
 * {@code add_header} here, so the main configuration's HSTS and security headers apply. Pure.
 */
final class Vhost {
  private Vhost() {}

  /** The vhost file, validated by {@code nginx -t} before it is kept. */
  static Step.PutFile render(SiteDesired site) {
    String name = site.name();
    String home = SiteLayout.home(name);
    String names = String.join(" ", site.domains());
    String logs = "  access_log " + home + "/logs/access.log;\n"
        + "  error_log " + home + "/logs/error.log;\n";
    String challenge = "  location ^~ /.well-known/acme-challenge/ {\n"
        + "    alias " + TlsPaths.CHALLENGE_DIR + "/;\n"
        + "    default_type text/plain;\n"
        + "  }\n";
    String content = "  root " + home + "/public;\n"
        + "  index index.php index.html;\n"
        + "  location / {\n"
        + "    try_files $uri $uri/ /index.php$is_args$args;\n"
        + "  }\n"
        + "  location ~ \\.php$ {\n"
        + "    try_files $uri =404;\n"
        + "    include fastcgi_params;\n"
        + "    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n"
        + "    fastcgi_pass unix:" + SiteLayout.socket(name) + ";\n"
        + "  }\n"
        + "  location ~ /\\.(?!well-known/) {\n"
        + "    deny all;\n"
        + "  }\n";
    StringBuilder text = new StringBuilder("# Managed by Gardien (sites: " + name + "): edits here are reverted.\n")
        .append("server {\n  listen 80;\n  listen [::]:80;\n  server_name ").append(names).append(";\n")
        .append(logs).append(challenge);
    if (site.https()) {
      text.append("  location / {\n    return 301 https://$host$request_uri;\n  }\n}\n")
          .append("server {\n  listen 443 ssl;\n  listen [::]:443 ssl;\n  http2 on;\n  server_name ")
          .append(names).append(";\n")
          .append("  ssl_certificate ").append(TlsPaths.fullchain(name)).append(";\n")
          .append("  ssl_certificate_key ").append(TlsPaths.privkey(name)).append(";\n")
          .append(logs).append(content).append("}\n");
    } else {
      text.append(content).append("}\n");
    }
    return new Step.PutFile(WebServer.vhost(name), text.toString(), "0644", "root", "root",
        WebServer.NGINX_TEST);
  }
}
