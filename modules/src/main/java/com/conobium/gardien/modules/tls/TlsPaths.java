package com.conobium.gardien.modules.tls;

/**
 * Where certificates live on a server, and the ACME webroot: the seam with the web module. Its
 * nginx vhosts read {@link #fullchain} and {@link #privkey}, and port 80 serves
 * {@code /.well-known/acme-challenge/} from {@link #ACME_WEBROOT}. The one place these paths are
 * defined.
 */
public final class TlsPaths {
  /** Root of the HTTP-01 webroot: a token is served from {@code ACME_WEBROOT/.well-known/acme-challenge/TOKEN}. */
  public static final String ACME_WEBROOT = "/var/lib/gardien/acme";

  /** Directory the challenge files are written to. */
  public static final String CHALLENGE_DIR = ACME_WEBROOT + "/.well-known/acme-challenge";

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
