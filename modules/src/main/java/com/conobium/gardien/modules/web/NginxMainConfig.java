package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.TlsPaths;
import com.conobium.gardien.modules.spi.WebServer;

/**
 * Renders nginx's main configuration, {@code /etc/nginx/nginx.conf}, which Gardien owns whole: no
 * version in headers or error pages; TLS 1.2 and 1.3 only with Mozilla's "intermediate" cipher
 * list; OCSP stapling (nginx staples only when the certificate names a responder); HSTS on HTTPS
 * responses when enabled; short timeouts and the manifest's body size; a default server answering
 * every unknown host with 444 on port 80 and refusing the TLS handshake on 443. It includes
 * Debian's {@code modules-enabled} and {@code conf.d}, and Gardien's site vhosts from
 * {@link #SITES_DIRECTORY}; Debian's {@code sites-enabled} is no longer read. Pure.
 */
public final class NginxMainConfig {
  public static final String PATH = "/etc/nginx/nginx.conf";
  /** Where the sites module puts one vhost per site, {@code SITE.conf}. */
  public static final String SITES_DIRECTORY = WebServer.SITES_DIRECTORY;
  /** Served at {@code /.well-known/acme-challenge/} for every site (HTTP-01 tokens). */
  public static final String ACME_CHALLENGE_DIRECTORY = TlsPaths.CHALLENGE_DIR;
  public static final String UNIT = WebServer.NGINX_UNIT;
  public static final String TEST = WebServer.NGINX_TEST;

  static final String CIPHERS = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
      + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
      + "ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:"
      + "DHE-RSA-CHACHA20-POLY1305";
  /** Two years, as hstspreload.org asks; no includeSubDomains, which the customer's other hosts may not bear. */
  static final String HSTS = "max-age=63072000";

  private NginxMainConfig() {}

  /**
   * gzip only when the manifest asks (web.compression): a compressed HTTPS page that reflects both
   * a secret and the visitor's input leaks the secret (BREACH, which testssl.sh reports).
   */
  private static String compression(WebDesired desired) {
    return desired.compression()
        ? "gzip on;\n  gzip_types text/css application/javascript application/json image/svg+xml text/plain;"
        : "gzip off;  # web.compression: false (BREACH)";
  }

  /** The file, validated by {@code nginx -t} before it is kept. */
  static Step.PutFile render(WebDesired desired) {
    String hsts = desired.hsts()
        ? """
            # HSTS on HTTPS responses only (an empty value sends no header)
            map $scheme $gardien_hsts {
              https "%s";
              default "";
            }
            add_header Strict-Transport-Security $gardien_hsts always;
          """.formatted(HSTS)
        : "";
    String text = """
        # Managed by Gardien from the server's manifest (web: ...): edits here are reverted.
        user www-data;
        worker_processes auto;
        pid /run/nginx.pid;
        error_log /var/log/nginx/error.log;
        include /etc/nginx/modules-enabled/*.conf;

        events {
          worker_connections 1024;
        }

        http {
          sendfile on;
          tcp_nopush on;
          types_hash_max_size 2048;
          server_names_hash_bucket_size 128;
          include /etc/nginx/mime.types;
          default_type application/octet-stream;

          server_tokens off;
          client_max_body_size %s;
          client_body_timeout 30s;
          client_header_timeout 30s;
          send_timeout 30s;
          keepalive_timeout 30s;
          reset_timedout_connection on;

          ssl_protocols TLSv1.2 TLSv1.3;
          ssl_ciphers %s;
          ssl_prefer_server_ciphers off;
          ssl_session_cache shared:GardienTLS:10m;
          ssl_session_timeout 1d;
          ssl_session_tickets off;
          ssl_stapling on;
          ssl_stapling_verify on;

        %s  add_header X-Content-Type-Options nosniff always;
          add_header Referrer-Policy strict-origin-when-cross-origin always;

          access_log /var/log/nginx/access.log;
          %s

          # unknown hosts: no answer on HTTP, no handshake on HTTPS
          server {
            listen 80 default_server;
            listen [::]:80 default_server;
            server_name _;
            return 444;
          }
          server {
            listen 443 ssl default_server;
            listen [::]:443 ssl default_server;
            server_name _;
            ssl_reject_handshake on;
          }

          include /etc/nginx/conf.d/*.conf;
          include %s/*.conf;
        }
        """.formatted(desired.clientMaxBodySize(), CIPHERS, hsts, compression(desired), SITES_DIRECTORY);
    return new Step.PutFile(PATH, text, "0644", "root", "root", TEST);
  }
}
