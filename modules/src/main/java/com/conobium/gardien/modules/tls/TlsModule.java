package com.conobium.gardien.modules.tls;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.modules.spi.TlsPaths;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * tls: each site's certificate deployed to {@link TlsPaths} — an ACME one Gardien ordered and
 * stored (see {@code reconciler.tls.CertificateIssuer}, run by {@code gardien apply}) or a provided
 * one from the secret store, checked before use. Certificates are read and checked on the
 * controller; the probe reports the deployed files and their expiry. See {@link TlsPlanner}.
 */
public final class TlsModule extends ProbedModule<TlsDesired, TlsFacts> {
  public static final String NAME = "tls";

  private static final String PROBE = ProbeScripts.load(TlsModule.class, "probe.sh");

  private final Clock clock;

  @Inject
  public TlsModule() {
    this(Clock.systemUTC());
  }

  /** A module that judges expiry at {@code clock}'s time. */
  public TlsModule(Clock clock) {
    // after sites: a site's placeholder pair (planned while the files were missing) is written
    // first and then replaced here in the same run, never the other way round
    super(NAME, Set.of("packages", "sites"), TlsFacts::parse, new TlsPlanner()::plan);
    this.clock = clock;
  }

  @Override
  public TlsDesired desired(Target target) {
    return DesiredCertificates.of(target, clock.instant());
  }

  @Override
  public String probe(TlsDesired desired) {
    // SITE=SHA256 of the chain Gardien would deploy: the probe reads the expiry of a chain that differs only
    String sites = desired.sites().stream()
        .map(s -> s.site() + "=" + (s.usable() ? FileFacts.sha256Hex(s.fullchain()) : ""))
        .collect(Collectors.joining(" "));
    return "tls_root=" + Shell.quote(TlsPaths.CERTIFICATES) + "\ntls_sites=" + Shell.quote(sites) + "\n" + PROBE;
  }
}
