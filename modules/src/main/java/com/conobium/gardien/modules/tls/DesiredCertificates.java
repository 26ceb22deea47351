package com.conobium.gardien.modules.tls;

import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads each site's certificate from the secret store and checks it before use: an ACME
 * certificate Gardien stored after ordering it, or a provided one under the secret names of the
 * manifest. A provided certificate that does not match its key, does not cover the site's domains
 * or has expired is refused, with a message naming the site and the secrets.
 *
 * <p>The web module may ask it too: a site's HTTPS server belongs in its vhost exactly when its
 * certificate here is {@link SiteCertificate#usable() usable} (the tls module, which it then runs
 * after, has deployed the files by the time nginx is checked).
 */
public final class DesiredCertificates {
  private DesiredCertificates() {}

  /** The certificates of {@code target}'s sites, judged at {@code now}. */
  public static TlsDesired of(Target target, Instant now) {
    List<SiteCertificate> sites = new ArrayList<>();
    if (!target.secrets().known()) {
      // without the secret store nothing can be said of certificates kept there
      return new TlsDesired(sites, now, target.fleet().acme().renewWindow());
    }
    for (SiteSpec site : target.spec().sites()) {
      switch (site.tls().mode()) {
        case "acme" -> sites.add(acme(target, site, now));
        case "provided" -> sites.add(provided(target, site, now));
        default -> { } // none: the site has no certificate of Gardien's
      }
    }
    return new TlsDesired(sites, now, target.fleet().acme().renewWindow());
  }

  private static SiteCertificate acme(Target target, SiteSpec site, Instant now) {
    String chainName = CertificateSecrets.fullchain(site.name());
    String keyName = CertificateSecrets.privkey(site.name());
    String source = "ACME, secrets " + chainName + " and " + keyName;
    Optional<Secret> chain = target.secrets().stored(chainName);
    Optional<Secret> key = target.secrets().stored(keyName);
    Optional<String> reason = CertificateCheck.orderReason(
        chain.map(Secret::reveal), key.map(Secret::reveal), site.domains(), now,
        target.fleet().acme().renewWindow());
    if (reason.isPresent()) {
      return SiteCertificate.refused(site.name(), "acme", site.domains(), source,
          reason.get() + "; gardien apply orders a new one");
    }
    CertificatePair pair = CertificatePair.parse(chain.get().reveal(), key.get().reveal());
    return SiteCertificate.of(site.name(), "acme", site.domains(), source, chain.get().reveal(), key.get(),
        pair.notAfter());
  }

  private static SiteCertificate provided(Target target, SiteSpec site, Instant now) {
    String chainName = site.tls().certificate();
    String keyName = site.tls().key();
    if (chainName == null || keyName == null) {
      return SiteCertificate.refused(site.name(), "provided", site.domains(), "provided",
          "tls.certificate and tls.key must name the secrets holding the PEM chain and key");
    }
    String source = "provided secrets " + chainName + " and " + keyName;
    Optional<Secret> chain = target.secrets().stored(chainName, SecretOwner.CUSTOMER);
    Optional<Secret> key = target.secrets().stored(keyName, SecretOwner.CUSTOMER);
    if (chain.isEmpty() || key.isEmpty()) {
      return SiteCertificate.refused(site.name(), "provided", site.domains(), source,
          "the secret " + (chain.isEmpty() ? chainName : keyName) + " is not in the secret store of "
              + target.server().name() + " (gardien secrets put " + target.server().name() + " NAME --file PEM)");
    }
    CertificatePair pair;
    try {
      pair = CertificatePair.parse(chain.get().reveal(), key.get().reveal());
    } catch (IllegalArgumentException e) {
      return SiteCertificate.refused(site.name(), "provided", site.domains(), source, e.getMessage());
    }
    Optional<String> problem = CertificateCheck.problem(pair, site.domains(), now);
    if (problem.isPresent()) {
      return SiteCertificate.refused(site.name(), "provided", site.domains(), source, problem.get());
    }
    return SiteCertificate.of(site.name(), "provided", site.domains(), source, chain.get().reveal(), key.get(),
        pair.notAfter());
  }
}
