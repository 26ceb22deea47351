package com.conobium.gardien.modules.sites;

import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.DatabaseNames;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.modules.spi.TlsPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hosted sites, isolated from each other: per site a Debian user, a home under {@code /srv/www}
 * that is also its SFTP chroot ({@link SiteLayout}), a PHP-FPM pool running as that user
 * ({@link PhpPool}), an nginx vhost ({@link Vhost}), SFTP keys ({@link SftpKeys}; the ssh module chroots the sites' users to SFTP), and
 * removal that archives unless told to purge ({@link SitesPlanner}). Runs after the web stack, the
 * database (whose per-site databases the removal dumps) and sshd.
 */
public final class SitesModule extends ProbedModule<SitesDesired, SitesFacts> {
  public static final String NAME = "sites";

  private static final String PROBE = ProbeScripts.load(SitesModule.class, "probe.sh");

  public SitesModule() {
    super(NAME, Set.of("web", "database", "ssh"), SitesFacts::parse, new SitesPlanner()::plan);
  }

  @Override
  public SitesDesired desired(Target target) {
    ServerSpec spec = target.spec();
    List<SiteDesired> sites = new ArrayList<>();
    for (SiteSpec site : spec.sites()) {
      Optional<SiteDesired.Database> db = spec.database().enabled() && site.database().enabled()
          ? Optional.of(new SiteDesired.Database(DatabaseNames.name(site), DatabaseNames.user(site)))
          : Optional.empty();
      sites.add(new SiteDesired(site.name(), site.domains(), site.php().pm(), site.php().maxChildren(),
          site.php().memoryLimit(), site.sftp().enabled(), site.sftp().sshKeys(), !site.tls().mode().equals("none"),
          db, site.onRemove().equals("purge")));
    }
    return new SitesDesired(spec.web().enabled(), spec.web().phpVersion(), sites);
  }

  @Override
  public String probe(SitesDesired desired) {
    if (!desired.webEnabled()) {
      return "printf '{\"enabled\":false}'\n";
    }
    List<Step.PutFile> files = new ArrayList<>();
    List<String> others = new ArrayList<>();
    others.add(SiteLayout.root().path());
    for (SiteDesired site : desired.sites()) {
      SiteLayout.entries(site.name()).forEach(e -> others.add(e.path()));
      others.add(TlsPaths.fullchain(site.name()));
      others.add(TlsPaths.privkey(site.name()));
      files.add(PhpPool.render(site, desired.phpVersion()));
      files.add(Vhost.render(site));
      files.add(SiteRecord.of(site).render(site.name()));
      files.add(SftpKeys.of(site));
    }
    // one process: the stat of every path
    return PROBE + "printf ',\"paths\":'\n" + PathProbe.script(files, others) + "printf '}'\n";
  }
}
