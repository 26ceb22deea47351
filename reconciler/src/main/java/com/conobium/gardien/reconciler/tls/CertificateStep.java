package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.modules.tls.CertificateCheck;
import com.conobium.gardien.modules.tls.CertificateSecrets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.shredzone.acme4j.Session;

/**
 * Orders the ACME certificates a server's sites are due for — none stored yet, expiring within
 * the fleet's {@code acme.renewBefore}, or not covering the site's domains — and stores each in
 * the secret store ({@link CertificateSecrets}), where the tls module picks it up. Runs after a
 * server's reconcile, when port 80 serves the ACME webroot.
 */
public final class CertificateStep {
  private final AcmeSessions sessions;
  private final CertificateIssuer issuer;
  private final SecretStore store;
  private final Clock clock;
  /** One per step, so that servers ordering in parallel share the fleet's one new account key. */
  private final AccountKeys accounts;

  public CertificateStep(AcmeSessions sessions, CertificateIssuer issuer, SecretStore store, Clock clock) {
    this.sessions = sessions;
    this.issuer = issuer;
    this.store = store;
    this.clock = clock;
    this.accounts = new AccountKeys(store);
  }

  /** The ACME sites of {@code target} that need a new certificate, and why. Reads the store only. */
  public List<Due> due(Target target) {
    String server = target.server().name();
    List<Due> due = new ArrayList<>();
    for (SiteSpec site : target.spec().sites()) {
      if (!"acme".equals(site.tls().mode()) || site.domains().isEmpty()) {
        continue;
      }
      Optional<String> chain = store.get(server, CertificateSecrets.fullchain(site.name())).map(Secret::reveal);
      Optional<String> key = store.get(server, CertificateSecrets.privkey(site.name())).map(Secret::reveal);
      CertificateCheck.orderReason(chain, key, site.domains(), clock.instant(), target.fleet().acme().renewWindow())
          .ifPresent(reason -> due.add(new Due(site, reason)));
    }
    return due;
  }

  /**
   * Orders a certificate for each of {@code sites} through {@code host}'s webroot and stores it.
   * A failed order is reported in its result; the others go on.
   */
  public List<IssueResult> issue(Target target, RemoteHost host, List<Due> sites) {
    if (sites.isEmpty()) {
      return List.of();
    }
    String server = target.server().name();
    List<IssueResult> results = new ArrayList<>();
    Session session;
    java.security.KeyPair account;
    try {
      session = sessions.open(target.fleet().acme().directory());
      account = accounts.loadOrCreate();
    } catch (RuntimeException e) {
      sites.forEach(d -> results.add(new IssueResult(d.site().name(), d.site().domains(), d.reason(), null,
          e.getMessage())));
      return results;
    }
    ChallengeFiles files = new ChallengeFiles(host);
    for (Due d : sites) {
      SiteSpec site = d.site();
      try {
        IssuedCertificate cert = issuer.issue(session, account, target.fleet().acme().email(), site.domains(), files);
        store.put(server, CertificateSecrets.fullchain(site.name()), cert.fullchain());
        store.put(server, CertificateSecrets.privkey(site.name()), cert.privkey());
        results.add(new IssueResult(site.name(), site.domains(), d.reason(), cert.notAfter(), null));
      } catch (Exception e) {
        results.add(new IssueResult(site.name(), site.domains(), d.reason(), null,
            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return results;
  }

  /** A site due for a new certificate, and why. */
  public record Due(SiteSpec site, String reason) {}
}
