package com.conobium.gardien.modules.tls;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Nginx;
import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.TlsPaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans each site's certificate files: the chain (0644) and the key (0600, masked) when they differ
 * from the desired certificate, then {@code nginx -t} and a reload when nginx runs. A certificate
 * that cannot be deployed (an ACME one not issued yet, a provided one that fails its checks) and a
 * deployed certificate that expires within 30 days are failed checks. Each site's deployed
 * certificate gives a reading of its expiry ({@link #EXPIRY}). Pure.
 */
public final class TlsPlanner {
  /** The reading of a deployed certificate's expiry, labelled with its site. */
  public static final String EXPIRY = "certificate_expiry_timestamp_seconds";

  /**
   * Checks nginx's whole configuration with the new files, then reloads it, waiting until no
   * worker serves the old certificate any more ({@link Nginx#reload}).
   */
  static final String RELOAD = "nginx -t\n" + Nginx.reload("nginx");

  public ModulePlan plan(TlsDesired desired, TlsFacts facts) {
    List<Change> changes = new ArrayList<>();
    List<CheckResult> checks = new ArrayList<>();
    for (SiteCertificate site : desired.sites()) {
      DeployedCertificate deployed = facts.site(site.site());
      String name = "certificate of site " + site.site();
      String expected = "a certificate for " + String.join(", ", site.domains()) + " valid for "
          + CertificateCheck.describe(desired.renewBefore(), "more");
      if (!site.usable()) {
        checks.add(CheckResult.of(name, false, expected, site.source() + ": " + site.problem()));
        continue;
      }
      Step.PutFile chain = chainFile(site);
      Step.PutFile key = keyFile(site);
      boolean chainOk = deployed.fullchain().matches(chain);
      boolean keyOk = deployed.privkey().matches(key);
      if (!chainOk) {
        changes.add(new Change("file " + chain.path(), deployed.fullchain().exists() ? Change.Action.CHANGE
            : Change.Action.ADD, describe(deployed), "expires " + CertificateCheck.day(site.notAfter()) + " ("
            + site.source() + ")", false, List.of(chain)));
      }
      if (!keyOk) {
        changes.add(new Change("file " + key.path(), deployed.privkey().exists() ? Change.Action.CHANGE
            : Change.Action.ADD, deployed.privkey().exists() ? "private key" : null, "private key", true,
            List.of(key)));
      }
      boolean expiresSoon = CertificateCheck.expiresSoon(site.notAfter(), desired.now(), desired.renewBefore());
      checks.add(CheckResult.of(name, !expiresSoon, expected, expiresSoon
          ? site.source() + ": expires on " + CertificateCheck.day(site.notAfter()) + ", replace it"
          : "expires " + CertificateCheck.day(site.notAfter())));
    }
    if (!changes.isEmpty() && facts.nginxActive()) {
      changes.add(Change.update("service nginx", "certificates changed", "reloaded", List.of(new Step.Run(RELOAD))));
    }
    return new ModulePlan(changes, checks, readings(desired, facts));
  }

  /**
   * When each site's deployed certificate expires (Unix time): the desired certificate's expiry when
   * the deployed chain is that one (the probe then reads no expiry), else the one the probe read;
   * none for a site without a readable one.
   */
  static List<Reading> readings(TlsDesired desired, TlsFacts facts) {
    List<Reading> readings = new ArrayList<>();
    for (SiteCertificate site : desired.sites()) {
      DeployedCertificate deployed = facts.site(site.site());
      Instant notAfter = site.usable() && deployed.fullchain().contentMatches(site.fullchain())
          ? site.notAfter() : deployed.notAfter();
      if (notAfter != null) {
        readings.add(new Reading(EXPIRY, "When the certificate deployed for a site expires (Unix time)",
            Map.of("site", site.site()), notAfter.getEpochSecond()));
      }
    }
    return readings;
  }

  static Step.PutFile chainFile(SiteCertificate site) {
    return new Step.PutFile(TlsPaths.fullchain(site.site()), site.fullchain(), "0644", "root", "root", null);
  }

  static Step.PutFile keyFile(SiteCertificate site) {
    return new Step.PutFile(TlsPaths.privkey(site.site()), site.privkey().reveal(), "0600", "root", "root", null);
  }

  private static String describe(DeployedCertificate deployed) {
    if (!deployed.fullchain().exists()) {
      return null;
    }
    return deployed.notAfter() == null ? "unreadable certificate" : "expires " + CertificateCheck.day(deployed.notAfter());
  }
}
