package com.conobium.gardien.modules.tls;

import com.conobium.gardien.modules.spi.Secret;
import java.time.Instant;
import java.util.List;

/**
 * The certificate one site should have on the server.
 *
 * @param site the site's name
 * @param mode {@code acme} or {@code provided}
 * @param domains the site's domains
 * @param source where the certificate comes from, for messages (secret names, never values)
 * @param fullchain the PEM chain to deploy; null when there is none to deploy
 * @param privkey its private key; null when there is none to deploy
 * @param notAfter when the certificate expires; null when there is none
 * @param problem why no certificate can be deployed (missing, does not match its key, does not
 *     cover the domains, expired); null when it can
 */
public record SiteCertificate(
    String site,
    String mode,
    List<String> domains,
    String source,
    String fullchain,
    Secret privkey,
    Instant notAfter,
    String problem) {
  public SiteCertificate {
    domains = List.copyOf(domains);
  }

  /** Whether there is a certificate to deploy. */
  public boolean usable() {
    return problem == null;
  }

  /** A certificate that can be deployed. */
  public static SiteCertificate of(
      String site, String mode, List<String> domains, String source, String fullchain, Secret privkey,
      Instant notAfter) {
    return new SiteCertificate(site, mode, domains, source, fullchain, privkey, notAfter, null);
  }

  /** A site whose certificate cannot be deployed, and why. */
  public static SiteCertificate refused(String site, String mode, List<String> domains, String source, String problem) {
    return new SiteCertificate(site, mode, domains, source, null, null, null, problem);
  }

  /** Masked: never the key. */
  @Override
  public String toString() {
    return "SiteCertificate[site=" + site + ", mode=" + mode + ", domains=" + domains + ", source=" + source
        + ", notAfter=" + notAfter + ", problem=" + problem + "]";
  }
}
