package com.conobium.gardien.modules.spi;

/**
 * Where certificates live on a server, and where HTTP-01 tokens go: shared by the tls module, which
 * deploys them, the sites module, whose vhosts read them, the web module, which serves the
 * challenge directory, and the controller's ACME client, which writes the tokens.
 * The vhosts read {@link #fullchain} and {@link #privkey}, and serve
 * {@code /.well-known/acme-challenge/} on port 80 from {@link #CHALLENGE_DIR} (an {@code alias},
 * see {@code sites.Vhost}). The one place these paths are defined.
 */
public final class TlsPaths {
  /**
   * Directory the challenge files are written to, served as {@code /.well-known/acme-challenge/}.
   * It is under {@code /var/www}, which nginx may read, and not under {@code /var/lib/gardien},
   * which holds Gardien's own state (backup records, rollback copies) and stays 0700.
   */
  public static final String CHALLENGE_DIR = "/var/www/gardien-acme-challenge";

  /** Directory holding one subdirectory of certificate files per site. */
  public static final String CERTIFICATES = "/etc/gardien/tls";

  private TlsPaths() {}

  /** The site's certificate chain (leaf first), mode 0644. */
  public static String fullchain(String site) {
    return CERTIFICATES + "/" + site + "/fullchain.pem";
  }

  /** The site's private key, mode 0600. */
  public static String privkey(String site) {
    return CERTIFICATES + "/" + site + "/privkey.pem";
  }

  /** The file an HTTP-01 challenge's {@code token} is served from. */
  public static String challenge(String token) {
    return CHALLENGE_DIR + "/" + token;
  }
}
