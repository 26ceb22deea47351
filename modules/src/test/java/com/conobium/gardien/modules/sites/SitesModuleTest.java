package com.conobium.gardien.modules.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.PathState;
import com.conobium.gardien.modules.spi.ProbeRunner;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.TlsPaths;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SitesModuleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SitesModule module = new SitesModule();

  private static SiteDesired site(String name, boolean https) {
    return new SiteDesired(name, List.of(name + ".example.com", "www." + name + ".example.com"), "ondemand", 5, "256M",
        true, List.of("ssh-ed25519 AAAA key"), https, Optional.of(new SiteDesired.Database(name, name)), false);
  }

  private static final SitesDesired DESIRED = new SitesDesired(true, "8.4", List.of(site("shop", true)));

  /** Facts of a server where every site of {@code desired} is as wanted. */
  static SitesFacts converged(SitesDesired desired) {
    Map<String, PathState> paths = new HashMap<>();
    Map<String, SitesFacts.SiteUser> users = new LinkedHashMap<>();
    paths.put("/srv/www", new PathState(true, false, "755", "root", "root"));
    for (SiteDesired s : desired.sites()) {
      users.put(s.name(), new SitesFacts.SiteUser("/srv/www/" + s.name(), "/usr/sbin/nologin", SiteRecord.of(s)));
      for (SiteLayout.Entry e : SiteLayout.entries(s.name())) {
        paths.put(e.path(), new PathState(true, false, e.mode().replaceFirst("^0", ""), e.owner(), e.group()));
      }
      paths.put(TlsPaths.fullchain(s.name()), new PathState(true, false, "644", "root", "root"));
      paths.put(TlsPaths.privkey(s.name()), new PathState(true, false, "600", "root", "root"));
      for (Step.PutFile f : List.of(PhpPool.render(s, desired.phpVersion()), Vhost.render(s),
          SiteRecord.of(s).render(s.name()), SftpKeys.of(s))) {
        paths.put(f.path(), new PathState(true, true, "644", "root", "root"));
      }
    }
    return new SitesFacts(users, paths);
  }

  private static List<String> resources(ModulePlan plan) {
    return plan.changes().stream().map(c -> c.action().sign() + " " + c.resource()).toList();
  }

  private static String script(Change change) {
    return change.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).script())
        .reduce("", String::concat);
  }

  @Test
  void nameAndOrder() {
    assertThat(module.name()).isEqualTo("sites");
    assertThat(module.after()).containsExactlyInAnyOrder("web", "database", "ssh");
  }

  @Test
  void convergedServerNeedsNothing() {
    assertThat(module.plan(DESIRED, converged(DESIRED)).changes()).isEmpty();
  }

  @Test
  void bareServerGetsEachSiteInOrder() {
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(Map.of(), Map.of()));

    assertThat(resources(plan)).containsExactly("+ directory /srv/www", "+ user shop", "+ files of site shop",
        "+ placeholder certificate of site shop", "+ PHP-FPM pool of site shop", "+ nginx vhost of site shop",
        "+ removal record of site shop", "+ SFTP keys of site shop");
    assertThat(script(plan.changes().get(1))).contains("useradd --home-dir '/srv/www/shop' --no-create-home",
        "--shell /usr/sbin/nologin", "--comment 'Gardien site'");
    assertThat(script(plan.changes().get(3))).contains("openssl req -x509",
        "subjectAltName=DNS:shop.example.com,DNS:www.shop.example.com", "/etc/gardien/tls/shop/privkey.pem");
    assertThat(((Step.PutFile) plan.changes().get(4).steps().get(0)).validate()).isEqualTo("php-fpm8.4 -t");
    assertThat(((Step.PutFile) plan.changes().get(5).steps().get(0)).validate()).isEqualTo("nginx -t");
    assertThat(plan.changes()).as("sshd's configuration is the ssh module's").allMatch(c -> c.guard() == null);
  }

  @Test
  void webDisabledIsAFailedCheckWhenSitesAreListed() {
    ModulePlan plan = module.plan(new SitesDesired(false, "8.4", List.of(site("shop", true))),
        new SitesFacts(Map.of(), Map.of()));

    assertThat(plan.changes()).isEmpty();
    assertThat(plan.hasFailedChecks()).isTrue();
    assertThat(module.plan(new SitesDesired(false, "8.4", List.of()), new SitesFacts(Map.of(), Map.of()))
        .checks()).isEmpty();
  }

  @Test
  void wrongOwnershipIsFixedWithoutTouchingTheRest() {
    Map<String, PathState> paths = new HashMap<>(converged(DESIRED).paths());
    paths.put("/srv/www/shop", new PathState(true, false, "755", "shop", "shop"));
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(converged(DESIRED).users(), paths));

    assertThat(resources(plan)).containsExactly("~ files of site shop");
    assertThat(plan.changes().get(0).before()).isEqualTo("/srv/www/shop 0755 shop:shop");
    assertThat(script(plan.changes().get(0))).contains("chown 'root:shop' '/srv/www/shop'", "chmod 0751 '/srv/www/shop'")
        .doesNotContain("public");
  }

  @Test
  void aWritableWebRootIsFixed() {
    Map<String, PathState> paths = new HashMap<>(converged(DESIRED).paths());
    paths.put("/srv/www", new PathState(true, false, "777", "root", "root"));
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(converged(DESIRED).users(), paths));

    assertThat(resources(plan)).containsExactly("~ directory /srv/www");
    assertThat(plan.changes().get(0).before()).isEqualTo("0777 root:root");
  }

  @Test
  void anEditedPoolIsReplacedAndPhpReloaded() {
    Map<String, PathState> paths = new HashMap<>(converged(DESIRED).paths());
    paths.put(SiteLayout.poolFile("8.4", "shop"), new PathState(true, false, "644", "root", "root"));
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(converged(DESIRED).users(), paths));

    assertThat(resources(plan)).containsExactly("~ PHP-FPM pool of site shop");
    assertThat(script(plan.changes().get(0))).contains("systemctl reload-or-restart php8.4-fpm.service");
  }

  @Test
  void aUserWithAShellLosesIt() {
    Map<String, SitesFacts.SiteUser> users = Map.of("shop",
        new SitesFacts.SiteUser("/srv/www/shop", "/bin/bash", SiteRecord.of(site("shop", true))));
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(users, converged(DESIRED).paths()));

    assertThat(resources(plan)).containsExactly("~ user shop");
    assertThat(script(plan.changes().get(0))).contains("usermod --home '/srv/www/shop' --shell /usr/sbin/nologin 'shop'");
  }

  @Test
  void sftpDisabledRemovesTheKeys() {
    SiteDesired noSftp = new SiteDesired("shop", List.of("shop.example.com"), "ondemand", 5, "256M", false, List.of(),
        true, Optional.empty(), false);
    SitesDesired desired = new SitesDesired(true, "8.4", List.of(noSftp));
    Map<String, PathState> paths = new HashMap<>(converged(desired).paths());
    paths.put(SiteLayout.keysFile("shop"), new PathState(true, false, "644", "root", "root"));

    ModulePlan plan = module.plan(desired, new SitesFacts(converged(desired).users(), paths));

    assertThat(resources(plan)).containsExactly("- SFTP keys of site shop");
  }

  @Test
  void aSiteLeavingTheManifestIsArchivedThenRemoved() {
    SitesFacts both = converged(new SitesDesired(true, "8.4", List.of(site("shop", true), site("old", true))));
    Map<String, PathState> paths = new HashMap<>(both.paths());
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(both.users(), paths));

    assertThat(resources(plan)).containsExactly("- site old");
    String removal = script(plan.changes().get(0));
    assertThat(removal).contains("rm -f '/etc/nginx/gardien-sites/old.conf'", "mariadb-dump --single-transaction --databases 'old'",
        "tar -czf \"$a\" -C /srv/www 'old'", "DROP DATABASE IF EXISTS `old`;", "DROP USER IF EXISTS 'old'@'localhost';",
        "userdel --force 'old'", "rm -rf '/srv/www/old'");
    assertThat(removal.indexOf("tar -czf")).isLessThan(removal.indexOf("DROP DATABASE"));
    assertThat(removal.indexOf("tar -czf")).isLessThan(removal.indexOf("rm -rf '/srv/www/old'"));
  }

  @Test
  void aPurgedSiteIsNotArchived() {
    Map<String, SitesFacts.SiteUser> users = new LinkedHashMap<>(converged(DESIRED).users());
    users.put("old", new SitesFacts.SiteUser("/srv/www/old", "/usr/sbin/nologin",
        SiteRecord.of(Map.of("onRemove", "purge"))));
    ModulePlan plan = module.plan(DESIRED, new SitesFacts(users, converged(DESIRED).paths()));

    assertThat(resources(plan)).containsExactly("- site old");
    assertThat(script(plan.changes().get(0))).doesNotContain("tar ").doesNotContain("mariadb").contains("userdel --force 'old'");
  }

  @Test
  void poolIsConfinedToTheSite() {
    String pool = PhpPool.render(site("shop", true), "8.4").content();

    assertThat(pool).contains("[gardien-shop]", "user = shop", "listen = /run/php/gardien-shop.sock",
        "listen.owner = shop", "listen.group = www-data", "listen.mode = 0660", "pm = ondemand", "pm.max_children = 5",
        "php_admin_value[open_basedir] = /srv/www/shop/public/:/srv/www/shop/tmp/", "php_admin_value[memory_limit] = 256M");
    SiteDesired dynamic = new SiteDesired("shop", List.of("a.b"), "dynamic", 1, "1G", false, List.of(), false,
        Optional.empty(), false);
    assertThat(PhpPool.render(dynamic, "8.4").content()).contains("pm.start_servers = 1", "pm.max_spare_servers = 1");
  }

  @Test
  void vhostRedirectsToHttpsExceptTheChallenge() {
    String https = Vhost.render(site("shop", true)).content();

    assertThat(https).contains("server_name shop.example.com www.shop.example.com;",
        "location ^~ /.well-known/acme-challenge/", "return 301 https://$host$request_uri;", "listen 443 ssl;",
        "ssl_certificate /etc/gardien/tls/shop/fullchain.pem;", "fastcgi_pass unix:/run/php/gardien-shop.sock;",
        "access_log /srv/www/shop/logs/access.log;").doesNotContain("add_header");
    String http = Vhost.render(site("shop", false)).content();
    assertThat(http).doesNotContain("443").doesNotContain("return 301").contains("root /srv/www/shop/public;");
  }

  @Test
  void rejectsValuesThatWouldInjectConfiguration() {
    assertThatThrownBy(() -> new SiteDesired("shop", List.of("a.com; root /"), "ondemand", 5, "1M", true, List.of(), true,
        Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SiteDesired("shop", List.of("a.com"), "ondemand", 5, "1M\nuser = root", true, List.of(),
        true, Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SiteDesired("shop", List.of("a.com"), "ondemand", 5, "1M", true, List.of("k\nMatch all"),
        true, Optional.empty(), false)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesUsersAndRecords() throws Exception {
    SitesFacts facts = module.facts(JSON.readTree("""
        {"users":[{"name":"old","home":"/srv/www/old","shell":"/usr/sbin/nologin",
          "record":{"onRemove":"purge","database":"old_db","databaseUser":"old","":""}},{}],
         "paths":{"stat":{"/srv/www":"755 root root","":""},"same":{"":false}}}
        """));

    assertThat(facts.users().get("old").record())
        .isEqualTo(new SiteRecord(true, Optional.of(new SiteDesired.Database("old_db", "old"))));
    assertThat(facts.path("/srv/www")).isEqualTo(new PathState(true, false, "755", "root", "root"));
  }

  @Test
  void probeRunsHereAndFindsNoSiteUser() throws Exception {
    SitesFacts facts = module.facts(ProbeRunner.run(module.probe(DESIRED)));

    assertThat(facts.users()).isEmpty();
    assertThat(facts.path("/srv/www/shop/public").exists()).isFalse();
  }
}
