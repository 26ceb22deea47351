package com.conobium.gardien.modules.sites;

import static com.conobium.gardien.modules.spi.Shell.quote;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.PathState;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.TlsPaths;
import com.conobium.gardien.modules.spi.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the desired sites with the facts. Pure. Changes, in apply order, per site:
 *
 * <ol>
 *   <li>its user (home {@code /srv/www/SITE}, no shell, its own group);
 *   <li>its directories ({@link SiteLayout});
 *   <li>with HTTPS and no certificate yet: a self-signed placeholder in {@code /etc/gardien/tls/SITE/}
 *       (the seam for ACME or a provided certificate, which replace those two files), so that the
 *       vhost passes {@code nginx -t};
 *   <li>its PHP-FPM pool, checked by {@code php-fpmV -t}, then PHP-FPM reloads;
 *   <li>its nginx vhost, checked by {@code nginx -t} (a failure keeps the previous file and nginx
 *       keeps serving), then nginx reloads;
 *   <li>its record (what to do on removal) and its SFTP keys;
 * </ol>
 *
 * <p>then the sshd drop-in for all sites (checked by {@code sshd -t}, guarded like the ssh module's
 * changes), and last every site whose user exists but that left the manifest: archived to
 * {@code /var/backups/gardien/} (files and database dump) unless its record says purge, then its
 * vhost, pool, database, user and files removed.
 */
final class SitesPlanner {
  static final String ROOT_RESOURCE = "directory " + SiteLayout.ROOT;

  ModulePlan plan(SitesDesired desired, SitesFacts facts) {
    if (!desired.webEnabled()) {
      if (desired.sites().isEmpty()) {
        return ModulePlan.of(List.of());
      }
      return ModulePlan.checksOnly(List.of(CheckResult.of("sites need the web stack", false,
          "web.enabled: true", "web.enabled: false, " + desired.sites().size() + " site(s) not managed")));
    }
    List<Change> changes = new ArrayList<>();
    if (!desired.sites().isEmpty()) {
      SiteLayout.Entry root = SiteLayout.root();
      PathState actual = facts.path(root.path());
      if (!actual.hasAttributes(root.mode(), root.owner(), root.group())) {
        Change made = entryChange(ROOT_RESOURCE, List.of(root));
        changes.add(actual.exists() ? Change.update(ROOT_RESOURCE, actual.attributes(), made.after(), made.steps()) : made);
      }
    }
    for (SiteDesired site : desired.sites()) {
      siteChanges(site, desired, facts, changes);
    }
    for (Map.Entry<String, SitesFacts.SiteUser> user : facts.users().entrySet()) {
      boolean wanted = desired.sites().stream().anyMatch(s -> s.name().equals(user.getKey()));
      if (!wanted) {
        changes.add(removal(user.getKey(), user.getValue().record(), desired.phpVersion()));
      }
    }
    return ModulePlan.of(changes);
  }

  private void siteChanges(SiteDesired site, SitesDesired desired, SitesFacts facts, List<Change> changes) {
    String name = site.name();
    String user = quote(name);
    SitesFacts.SiteUser actual = facts.users().get(name);
    String home = SiteLayout.home(name);
    if (actual == null) {
      changes.add(Change.add("user " + name, "home " + home + ", shell " + SiteLayout.SHELL,
          List.of(new Step.Run("useradd --home-dir " + quote(home) + " --no-create-home --shell " + SiteLayout.SHELL
              + " --user-group --comment " + quote(SiteLayout.GECOS) + " " + user + "\n"))));
    } else if (!actual.home().equals(home) || !actual.shell().equals(SiteLayout.SHELL)) {
      changes.add(Change.update("user " + name, "home " + actual.home() + ", shell " + actual.shell(),
          "home " + home + ", shell " + SiteLayout.SHELL,
          List.of(new Step.Run("usermod --home " + quote(home) + " --shell " + SiteLayout.SHELL + " " + user + "\n"))));
    }
    List<SiteLayout.Entry> wrong = new ArrayList<>();
    List<String> before = new ArrayList<>();
    for (SiteLayout.Entry entry : SiteLayout.entries(name)) {
      PathState state = facts.path(entry.path());
      if (!state.hasAttributes(entry.mode(), entry.owner(), entry.group())) {
        wrong.add(entry);
        before.add(entry.path() + " " + state.attributes());
      }
    }
    if (!wrong.isEmpty()) {
      boolean fresh = wrong.size() == SiteLayout.entries(name).size()
          && wrong.stream().noneMatch(e -> facts.path(e.path()).exists());
      Change layout = entryChange("files of site " + name, wrong);
      changes.add(fresh ? layout
          : Change.update(layout.resource(), String.join("; ", before), layout.after(), layout.steps()));
    }
    if (site.https()) {
      placeholderChange(site, facts).ifPresent(changes::add);
    }
    fileChange("PHP-FPM pool of site " + name, PhpPool.render(site, desired.phpVersion()), facts,
        reloadPhp(desired.phpVersion()), site.pm() + ", max " + site.maxChildren() + " children, memory "
            + site.memoryLimit() + ", as " + name).ifPresent(changes::add);
    fileChange("nginx vhost of site " + name, Vhost.render(site), facts, RELOAD_NGINX,
        String.join(", ", site.domains()) + (site.https() ? " (HTTPS)" : " (HTTP only)")).ifPresent(changes::add);
    SiteRecord record = SiteRecord.of(site);
    fileChange("removal record of site " + name, record.render(name), facts, null,
        "on removal " + (record.purge() ? "purge" : "archive")).ifPresent(changes::add);
    Step.PutFile keys = SftpKeys.of(site);
    PathState keysState = facts.path(keys.path());
    if (site.sftp()) {
      fileChange("SFTP keys of site " + name, keys, facts, null, keyCount(site.sshKeys().size()))
          .ifPresent(changes::add);
    } else if (keysState.exists()) {
      changes.add(Change.remove("SFTP keys of site " + name, "SFTP enabled",
          List.of(new Step.Run("rm -f " + quote(keys.path()) + "\n"))));
    }
  }

  private Optional<Change> placeholderChange(SiteDesired site, SitesFacts facts) {
    String name = site.name();
    if (facts.path(TlsPaths.fullchain(name)).exists() && facts.path(TlsPaths.privkey(name)).exists()) {
      return Optional.empty();
    }
    StringBuilder san = new StringBuilder();
    for (String domain : site.domains()) {
      san.append(san.isEmpty() ? "subjectAltName=" : ",").append("DNS:").append(domain);
    }
    String dir = SiteLayout.tlsDirectory(name);
    String script = "install -d -m 0755 -o root -g root " + TlsPaths.CERTIFICATES + "\n"
        + "install -d -m 0700 -o root -g root " + quote(dir) + "\n"
        + "t=$(mktemp -d)\n"
        + "trap 'rm -rf \"$t\"' EXIT\n"
        + "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 90 -subj "
        + quote("/CN=" + site.domains().get(0)) + " -addext " + quote(san.toString())
        + " -keyout \"$t/privkey.pem\" -out \"$t/fullchain.pem\" 2>/dev/null\n"
        + "chmod 0600 \"$t/privkey.pem\"\n"
        + "chmod 0644 \"$t/fullchain.pem\"\n"
        + "mv -f \"$t/privkey.pem\" " + quote(TlsPaths.privkey(name)) + "\n"
        + "mv -f \"$t/fullchain.pem\" " + quote(TlsPaths.fullchain(name)) + "\n";
    return Optional.of(Change.add("placeholder certificate of site " + name,
        "self-signed for " + String.join(", ", site.domains()) + ", until a real one replaces it",
        List.of(new Step.Run(script))));
  }

  private static Change removal(String name, SiteRecord record, String phpVersion) {
    String home = SiteLayout.home(name);
    StringBuilder script = new StringBuilder("set -e\n")
        .append("rm -f ").append(quote(WebServer.vhost(name))).append('\n')
        .append("if systemctl is-active --quiet ").append(WebServer.NGINX_UNIT).append("; then ")
        .append(WebServer.NGINX_TEST).append(" 2>/dev/null && systemctl reload ").append(WebServer.NGINX_UNIT)
        .append("; fi\n")
        .append("rm -f ").append(quote(SiteLayout.poolFile(phpVersion, name))).append('\n')
        .append("if systemctl is-active --quiet ").append(WebServer.phpUnit(phpVersion)).append("; then ")
        .append("systemctl reload ").append(WebServer.phpUnit(phpVersion)).append("; fi\n");
    String db = record.database().map(SiteDesired.Database::name).orElse("");
    String dbUser = record.database().map(SiteDesired.Database::user).orElse("");
    if (!record.purge()) {
      script.append("install -d -m 0700 -o root -g root ").append(SiteLayout.ARCHIVES).append('\n')
          .append("t=$(mktemp -d)\n")
          .append("trap 'rm -rf \"$t\"' EXIT\n");
      if (!db.isEmpty()) {
        script.append("if command -v mariadb-dump >/dev/null && mariadb -e 'SELECT 1' ").append(quote(db))
            .append(" >/dev/null 2>&1; then\n")
            .append("  mariadb-dump --single-transaction --databases ").append(quote(db))
            .append(" > \"$t/database.sql\"\n")
            .append("fi\n");
      }
      String archive = SiteLayout.ARCHIVES + "/site-" + name + "-$(date -u +%Y%m%dT%H%M%SZ).tar.gz";
      script.append("a=").append(archive).append('\n')
          .append("tar -czf \"$a\" -C ").append(SiteLayout.ROOT).append(' ').append(quote(name))
          .append(" -C \"$t\" .\n")
          .append("chmod 0600 \"$a\"\n")
          .append("echo \"site ").append(name).append(" archived to $a\"\n");
    }
    if (!db.isEmpty()) {
      script.append("if command -v mariadb >/dev/null; then\n  mariadb --batch <<'GARDIEN_SQL'\n")
          .append("DROP DATABASE IF EXISTS `").append(db).append("`;\n")
          .append("DROP USER IF EXISTS '").append(dbUser).append("'@'localhost';\n")
          .append("GARDIEN_SQL\nfi\n");
    }
    script.append("userdel --force ").append(quote(name)).append('\n')
        .append("rm -rf ").append(quote(home)).append(' ').append(quote(SiteLayout.tlsDirectory(name))).append(' ')
        .append(quote(SiteLayout.keysFile(name))).append(' ').append(quote(SiteLayout.recordFile(name))).append('\n');
    String before = "user, files, pool, vhost" + (db.isEmpty() ? "" : ", database " + db);
    String after = record.purge() ? "purged" : "archived to " + SiteLayout.ARCHIVES;
    return new Change("site " + name, Change.Action.REMOVE, before + " -> " + after, null, false,
        List.of(new Step.Run(script.toString())));
  }

  static final Step RELOAD_NGINX = new Step.Run("if systemctl is-active --quiet " + WebServer.NGINX_UNIT
      + "; then systemctl reload " + WebServer.NGINX_UNIT + "; fi\n");

  static Step reloadPhp(String version) {
    String unit = WebServer.phpUnit(version);
    return new Step.Run("systemctl reload-or-restart " + unit + "\n");
  }

  private static Optional<Change> fileChange(String resource, Step.PutFile file, SitesFacts facts, Step then,
      String after) {
    PathState actual = facts.path(file.path());
    if (actual.matches(file)) {
      return Optional.empty();
    }
    List<Step> steps = then == null ? List.of(file) : List.of(file, then);
    if (!actual.exists()) {
      return Optional.of(Change.add(resource, after, steps));
    }
    return Optional.of(Change.update(resource, actual.sameText() ? actual.attributes() : "differs",
        actual.sameText() ? "0644 root:root" : after, steps));
  }

  private static Change entryChange(String resource, List<SiteLayout.Entry> entries) {
    StringBuilder script = new StringBuilder();
    List<String> shown = new ArrayList<>();
    for (SiteLayout.Entry e : entries) {
      String path = quote(e.path());
      if (e.directory()) {
        script.append("[ -d ").append(path).append(" ] || mkdir ").append(path).append('\n');
      } else {
        script.append("[ -e ").append(path).append(" ] || : > ").append(path).append('\n');
      }
      script.append("chown ").append(quote(e.owner() + ":" + e.group())).append(' ').append(path).append('\n')
          .append("chmod ").append(e.mode()).append(' ').append(path).append('\n');
      shown.add(e.path() + " " + e.mode() + " " + e.owner() + ":" + e.group());
    }
    return Change.add(resource, String.join("; ", shown), List.of(new Step.Run(script.toString())));
  }

  private static String keyCount(int n) {
    return n == 0 ? "no keys" : n == 1 ? "1 key" : n + " keys";
  }
}
