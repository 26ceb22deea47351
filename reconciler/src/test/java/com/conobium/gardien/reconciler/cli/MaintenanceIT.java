package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monthly maintenance on a real Debian 13 web server (firewall, fail2ban, nginx, PHP-FPM,
 * MariaDB, one site, nightly backups to a second host), with what a month can leave behind made
 * on purpose: a package with a newer version in an apt repository (a local one, made here), a
 * package nothing needs any more, the configuration of a removed package, a package the
 * manifest installs marked as automatically installed, a unit that failed, a listener opened by
 * hand on a port the firewall was opened for by hand, and a backup that failed. {@code --dry-run}
 * lists what would change and changes nothing; the real run upgrades, purges (keeping the
 * manifest's package), finds the stray port from outside with nmap, the failed unit and the
 * failed backup, and says why RAID and SMART do not apply in a container; {@code gardien
 * maintenance} shows the stored runs; a second run has nothing left to upgrade or purge.
 */
@ExtendWith(DebianHostExtension.class)
class MaintenanceIT {
  private static final String SPACE_USER = "gardienbk";

  @Test
  void maintainsAServerAndReportsWhatAMonthLeftBehind(TestHosts hosts) throws Exception {
    TestHost space = hosts.boot();
    TestHost web = hosts.boot(HostOptions.defaults().withWebStack());
    web.awaitStartup();
    localRepository(web);
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), web)
        .fleet("{backupSpace: {host: %s, user: %s, path: gardien, hostKey: '%s'}}"
            .formatted(space.address(), SPACE_USER, space.hostPublicKey()));
    repo.write("""
        packages:
          install: [gardien-demo-keep]
        backup:
          enabled: true
          paths: [/srv/www]
        web:
          enabled: true
        database:
          enabled: true
        sites:
          - name: shop
            domains: [shop.example.com]
            tls: {mode: none}
        """);
    CliRun key = repo.backup("key");
    space.check("useradd --create-home --shell /bin/sh " + SPACE_USER
        + " && install -d -m 700 -o " + SPACE_USER + " -g " + SPACE_USER + " /home/" + SPACE_USER + "/.ssh"
        + " && echo '" + key.json().get("publicKey").asText() + "' > /home/" + SPACE_USER + "/.ssh/authorized_keys"
        + " && chown " + SPACE_USER + ": /home/" + SPACE_USER + "/.ssh/authorized_keys");
    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(web.check("dpkg-query -W -f '${Version}' gardien-demo-keep")).isEqualTo("1.0");

    // what a month leaves behind
    web.check("apt-mark auto gardien-demo-keep gardien-demo-lib >/dev/null && dpkg -r gardien-demo-conf >/dev/null"
        + " && test -f /etc/gardien-demo-conf.conf");
    assertThat(repo.backup("run").exitCode()).isZero();
    space.check("rm /home/" + SPACE_USER + "/.ssh/authorized_keys");
    assertThat(repo.backup("run").exitCode()).as("the space now refuses the key").isNotZero();
    web.check("systemd-run --quiet --unit=gardien-broken /bin/sh -c 'exit 3'; sleep 1; systemctl is-failed gardien-broken");
    web.check("DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends socat >/dev/null"
        + " && systemd-run --quiet --unit=stray-listener socat TCP-LISTEN:8081,fork,reuseaddr SYSTEM:'echo hello'"
        + " && nft insert rule inet gardien input tcp dport 8081 accept");

    // a dry run says what would change, and changes nothing
    CliRun dry = repo.maintain("--dry-run", "--only", "upgrades,purge");
    assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(ExitCode.OK);
    JsonNode upgradesDry = result(dry, "upgrades");
    assertThat(names(upgradesDry.path("details").path("packages"))).contains("gardien-demo");
    assertThat(names(result(dry, "purge").path("details").path("unused"))).contains("gardien-demo-lib")
        .doesNotContain("gardien-demo-keep");
    assertThat(texts(result(dry, "purge").path("details").path("residualConfig"))).contains("gardien-demo-conf");
    assertThat(web.check("dpkg-query -W -f '${Version} ${db:Status-Abbrev}' gardien-demo gardien-demo-lib"))
        .isEqualTo("1.0 ii 1.0 ii ");

    // the real run
    CliRun run = repo.maintain();
    System.out.println("MaintenanceIT maintain: " + run.stdout());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED_CHECKS);
    JsonNode upgrades = result(run, "upgrades");
    assertThat(upgrades.path("verdict").asText()).as(upgrades.toString()).isIn("ok", "warning");
    JsonNode demo = find(upgrades.path("details").path("packages"), "gardien-demo");
    assertThat(demo.path("from").asText()).isEqualTo("1.0");
    assertThat(demo.path("to").asText()).isEqualTo("2.0");
    assertThat(web.check("dpkg-query -W -f '${Version}' gardien-demo")).isEqualTo("2.0");
    assertThat(web.check("dpkg --audit")).as("no package left half-configured").isEmpty();

    JsonNode purge = result(run, "purge");
    assertThat(purge.path("verdict").asText()).as(purge.toString()).isEqualTo("ok");
    assertThat(texts(purge.path("details").path("purged"))).contains("gardien-demo-lib", "gardien-demo-conf")
        .doesNotContain("gardien-demo-keep");
    assertThat(web.check("dpkg-query -W -f '${db:Status-Abbrev}\\n' gardien-demo-lib gardien-demo-conf 2>/dev/null || true"))
        .doesNotContain("ii").doesNotContain("rc");
    assertThat(web.exec("test -e /etc/gardien-demo-conf.conf").exitStatus()).isNotZero();
    assertThat(web.check("apt-mark showmanual gardien-demo-keep")).as("the manifest's package kept, marked manual")
        .isEqualTo("gardien-demo-keep\n");

    for (String disk : List.of("raid", "smart")) {
      JsonNode r = result(run, disk);
      assertThat(r.path("verdict").asText()).isEqualTo("not applicable");
      assertThat(r.path("reason").asText()).isEqualTo("not bare metal: systemd-detect-virt says systemd-nspawn");
    }

    JsonNode scan = result(run, "portScan");
    assertThat(scan.path("verdict").asText()).as(scan.toString()).isEqualTo("failed");
    assertThat(texts(scan.path("details").path("unexpected"))).containsExactly("8081/tcp");
    assertThat(texts(scan.path("details").path("open"))).contains("22/tcp", "80/tcp", "8081/tcp");

    JsonNode services = result(run, "services");
    assertThat(services.path("verdict").asText()).as(services.toString()).isEqualTo("failed");
    assertThat(services.path("reason").asText()).contains("gardien-broken.service");
    assertThat(texts(services.path("details").path("unexplainedListeners"))).anyMatch(l -> l.contains(":8081"));
    assertThat(services.path("details").path("units").path("nginx.service").asText()).startsWith("active");
    assertThat(services.path("details").path("units").path("mariadb.service").asText()).startsWith("active");
    assertThat(texts(services.path("details").path("failedUnits")))
        .containsExactlyInAnyOrder("gardien-backup.service", "gardien-broken.service");

    JsonNode backups = result(run, "backups");
    assertThat(backups.path("verdict").asText()).as(backups.toString()).isEqualTo("failed");
    assertThat(backups.path("reason").asText()).contains("the last backup failed");
    assertThat(backups.path("details").path("calendar").toString()).contains("ok");

    JsonNode fail2ban = result(run, "fail2ban");
    assertThat(fail2ban.path("verdict").asText()).as(fail2ban.toString()).isEqualTo("ok");
    assertThat(fail2ban.path("details").path("jails").path("sshd").path("maxRetry").asInt()).isEqualTo(6);

    JsonNode disk = result(run, "diskSpace");
    assertThat(disk.path("details").path("mounts").findValuesAsText("mount")).contains("/");
    assertThat(result(run, "errorLogs").path("verdict").asText()).isIn("ok", "warning");

    // stored: gardien maintenance lists both runs
    CliRun stored = CliRun.inHome(repo.home, "maintenance", web.name(), "--output=json");
    assertThat(stored.exitCode()).as(stored.toString()).isZero();
    assertThat(stored.json().path("runs")).hasSize(2);
    assertThat(stored.json().path("runs").path(0).path("dryRun").asBoolean()).isTrue();
    assertThat(stored.json().path("runs").path(1).path("overall").asText()).isEqualTo("failed");
    assertThat(stored.stdout()).doesNotContain("PRIVATE KEY").doesNotContain("RESTIC_PASSWORD");

    // a second run finds nothing left to upgrade or purge
    CliRun again = repo.maintain("--only", "upgrades,purge");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCode.OK);
    assertThat(result(again, "upgrades").path("details").path("packages")).isEmpty();
    assertThat(result(again, "purge").path("reason").asText()).isEqualTo("nothing to purge");

    // as people read it
    CliRun text = CliRun.inHome(repo.home, "maintain", web.name(), "--repo", repo.root.toString(), "--identity",
        web.rootKey().toString(), "--only", "purge,raid");
    assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCode.OK);
    assertThat(text.stdout()).isEqualTo(web.name() + ": maintenance: purge, raid\n"
        + "  purge      ok             nothing to purge\n"
        + "  raid       not applicable not bare metal: systemd-detect-virt says systemd-nspawn\n"
        + web.name() + ": ok (2 operation(s): 0 failed, 0 warning(s))\n");
  }

  /**
   * A flat apt repository in /srv/repo on the host, trusted, with gardien-demo 2.0 and
   * gardien-demo-keep 1.0; gardien-demo 1.0, gardien-demo-lib 1.0 and gardien-demo-conf 1.0 (a
   * conffile) installed with dpkg.
   */
  private static void localRepository(TestHost web) {
    web.check("""
        set -e
        mk() { # NAME VERSION DIR [conffile]
          d=$(mktemp -d)
          mkdir -p "$d/DEBIAN" "$d/usr/share/doc/$1"
          printf 'Package: %s\\nVersion: %s\\nArchitecture: all\\nMaintainer: Gardien tests <tests@gardien.invalid>\\nDescription: a package of Gardien'"'"'s tests\\n' "$1" "$2" >"$d/DEBIAN/control"
          echo "$1 $2" >"$d/usr/share/doc/$1/version"
          if [ "${4:-}" = conffile ]; then
            mkdir -p "$d/etc" && echo "setting=1" >"$d/etc/$1.conf" && echo "/etc/$1.conf" >"$d/DEBIAN/conffiles"
          fi
          dpkg-deb --root-owner-group --build "$d" "$3/$1_$2_all.deb" >/dev/null
          rm -rf "$d"
        }
        mkdir -p /srv/repo /root/debs
        mk gardien-demo 1.0 /root/debs
        mk gardien-demo-lib 1.0 /root/debs
        mk gardien-demo-conf 1.0 /root/debs conffile
        mk gardien-demo 2.0 /srv/repo
        mk gardien-demo-keep 1.0 /srv/repo
        dpkg -i /root/debs/*.deb >/dev/null
        cd /srv/repo
        for f in *.deb; do
          dpkg-deb -f "$f"
          echo "Filename: ./$f"
          echo "Size: $(stat -c %s "$f")"
          echo "SHA256: $(sha256sum "$f" | cut -d' ' -f1)"
          echo
        done >Packages
        echo 'deb [trusted=yes] file:/srv/repo ./' >/etc/apt/sources.list.d/gardien-tests.list
        """);
  }

  private static JsonNode result(CliRun run, String operation) {
    for (JsonNode server : run.json().path("servers")) {
      for (JsonNode r : server.path("results")) {
        if (r.path("operation").asText().equals(operation)) {
          return r;
        }
      }
    }
    throw new AssertionError("no result for " + operation + " in " + run);
  }

  private static JsonNode find(JsonNode packages, String name) {
    for (JsonNode p : packages) {
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no package " + name + " in " + packages);
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.isTextual() ? n.asText() : n.path("name").asText()));
    return names;
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
