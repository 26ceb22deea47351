package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.WebServer;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.WebSpec;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Target;
import java.util.List;
import java.util.Set;

/**
 * The web stack: nginx's hardened main configuration ({@link NginxMainConfig}), Gardien's PHP-FPM
 * settings ({@link PhpSettings}), the ACME challenge directory, and both services enabled and
 * running. The packages module installs nginx and PHP-FPM first (see
 * {@link #packages}). Sites come from the sites
 * module, which runs after this one.
 */
public final class WebModule extends ProbedModule<WebDesired, WebFacts> {
  public static final String NAME = "web";

  public WebModule() {
    super(NAME, Set.of("packages"), WebFacts::parse, new WebPlanner()::plan);
  }

  /** {@inheritDoc} Here: nginx and PHP-FPM; openssl makes the sites' placeholder certificates; PHP's mysqli and PDO when
   * the sites have MariaDB. */
  @Override
  public Set<String> packages(ServerSpec spec) {
    if (!spec.web().enabled()) {
      return Set.of();
    }
    Set<String> packages = new java.util.TreeSet<>(Set.of("nginx", "php" + spec.web().phpVersion() + "-fpm", "openssl"));
    if (spec.database().enabled()) {
      packages.add("php" + spec.web().phpVersion() + "-mysql");
    }
    return packages;
  }

  /** {@inheritDoc} Here: nginx and the manifest's PHP-FPM when the web server is on. */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    return spec.web().enabled()
        ? Expectations.units(WebServer.NGINX_UNIT, WebServer.phpUnit(spec.web().phpVersion())) : Expectations.NONE;
  }

  @Override
  public WebDesired desired(Target target) {
    WebSpec spec = target.spec().web();
    return new WebDesired(spec.enabled(), spec.phpVersion(), spec.clientMaxBodySize(), spec.hsts(),
        spec.compression());
  }

  @Override
  public String probe(WebDesired desired) {
    if (!desired.enabled()) {
      return "printf '{\"enabled\":false}'\n";
    }
    // two processes: stat and systemctl
    return "printf '{\"paths\":'\n"
        + PathProbe.script(List.of(NginxMainConfig.render(desired), PhpSettings.render(desired)),
            List.of(NginxMainConfig.ACME_CHALLENGE_DIRECTORY))
        + "printf ',\"units\":'\n"
        + "gw_units " + NginxMainConfig.UNIT + " " + desired.phpUnit() + "\n"
        + "printf '}'\n";
  }
}
