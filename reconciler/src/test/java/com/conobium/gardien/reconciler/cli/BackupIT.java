package com.conobium.gardien.reconciler.cli;

import static com.conobium.gardien.reconciler.cli.ReconcileIT.changes;
import static com.conobium.gardien.reconciler.cli.ReconcileIT.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backup module on two real Debian 13 hosts: one serves as the SFTP backup space (a user whose
 * only authorised key is the one {@code gardien backup key} prints), the other gets the backup
 * from its manifest. The backup service saves the site files and a MariaDB dump, both are
 * restored and compared with the originals, the retention leaves exactly the snapshots restic's
 * policy keeps (computed here independently) out of 40 older ones, a second apply changes nothing,
 * and a run the space refuses is a failed check.
 */
@ExtendWith(DebianHostExtension.class)
class BackupIT {
  private static final String SPACE_USER = "gardienbk";
  private static final String SCRIPT = "/usr/local/lib/gardien/backup";
  private static final int DAILY = 7;
  private static final int MONTHLY = 6;

  @Test
  void backsUpToASecondHostRestoresAndKeepsTheRetention(TestHosts hosts) throws Exception {
    TestHost space = hosts.boot();
    TestHost web = hosts.boot(HostOptions.defaults().withWebStack());
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), web)
        .fleet("{backupSpace: {host: %s, user: %s, path: gardien, hostKey: '%s'}}"
            .formatted(space.address(), SPACE_USER, space.hostPublicKey()));
    repo.write("""
        backup:
          enabled: true
          time: "03:00"
          paths: [/srv/www]
        web:
          enabled: true       # the site is a real one: user, pool, vhost
        database:
          enabled: true       # and its database is dumped into the backup
        sites:
          - name: shop
            domains: [shop.example.com]
            tls: {mode: none}   # no certificate to order here
        """);

    // the space's operator authorises the key Gardien prints
    CliRun key = repo.backup("key");
    assertThat(key.exitCode()).as(key.toString()).isZero();
    String publicKey = key.json().get("publicKey").asText();
    assertThat(publicKey).startsWith("ssh-ed25519 ").endsWith(" gardien-backup@" + web.name());
    space.check("useradd --create-home --shell /bin/sh " + SPACE_USER
        + " && install -d -m 700 -o " + SPACE_USER + " -g " + SPACE_USER + " /home/" + SPACE_USER + "/.ssh"
        + " && echo '" + publicKey + "' > /home/" + SPACE_USER + "/.ssh/authorized_keys"
        + " && chown " + SPACE_USER + ": /home/" + SPACE_USER + "/.ssh/authorized_keys");

    // the data: site files and a database
    web.awaitStartup();
    web.check("mkdir -p /srv/www/shop/public && printf '<?php echo \"shop\";\\n' > /srv/www/shop/public/index.php"
        + " && head -c 300000 /dev/urandom > /srv/www/shop/public/logo.bin");
    web.check("mariadb -e \"CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, item VARCHAR(40));"
        + " INSERT INTO shop.orders VALUES (1, 'croissant'), (2, 'pain au chocolat');\"");
    String rows = web.check("mariadb -N -e 'SELECT * FROM shop.orders ORDER BY id'");
    // the site's own files (its logs/ fill up once nginx serves it)
    String siteSums = web.check("cd /srv/www/shop && find public -type f | sort | xargs sha256sum");

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).contains(
        "+ file /usr/local/lib/gardien/backup",
        "+ file /etc/gardien/backup/id_backup",
        "+ file /etc/gardien/backup/password",
        "+ file /etc/systemd/system/gardien-backup.timer",
        "~ timer gardien-backup.timer",
        "+ restic repository");
    assertThat(apply.stdout()).doesNotContain("PRIVATE KEY");
    assertThat(web.check("systemctl is-enabled gardien-backup.timer; systemctl is-active gardien-backup.timer"))
        .isEqualTo("enabled\nactive\n");
    assertThat(web.check("systemctl show -p TimersCalendar gardien-backup.timer")).contains("*-*-* 03:00:00");
    assertThat(web.check("stat -c '%a %U' /etc/gardien/backup/env /etc/gardien/backup/password"
        + " /etc/gardien/backup/id_backup")).isEqualTo("600 root\n600 root\n600 root\n");
    assertThat(space.check("ls /home/" + SPACE_USER + "/gardien/" + web.name())).contains("config");
    // a fresh install has not run yet, and that is no failure
    JsonNode lastBackup = check(apply, "last backup");
    assertThat(lastBackup.get("passed").asBoolean()).isTrue();
    assertThat(lastBackup.get("actual").asText()).startsWith("none yet; repository created");
    assertThat(backupModule(apply).get("readings")).as("no success yet, no reading").isEmpty();

    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(second)).isEmpty();
    assertThat(server(second).get("status").asText()).isEqualTo("in sync");

    // older snapshots of the same paths, as restic backup --time makes them: the last 12 days
    // (two on one of them), then one every 8 days back to 8 months ago: 40 in all
    LocalDate today = LocalDate.parse(web.check("date +%F").strip());
    List<String> times = new ArrayList<>();
    for (int d = 1; d <= 12; d++) {
      times.add(today.minusDays(d) + " 12:00:00");
    }
    times.add(today.minusDays(3) + " 06:00:00");
    for (int d = 16; times.size() < 40; d += 8) {
      times.add(today.minusDays(d) + " 12:00:00");
    }
    assertThat(today.minusDays(16 + 8 * 26)).isBefore(today.minusMonths(7));
    StringBuilder seed = new StringBuilder("set -e\n");
    for (String t : times) {
      seed.append(SCRIPT).append(" restic backup --quiet --host ").append(web.name())
          .append(" --tag gardien-files --time '").append(t).append("' /srv/www >/dev/null\n");
    }
    web.check(seed.toString());
    Map<String, OffsetDateTime> before = snapshots(web, "gardien-files");
    assertThat(before).hasSize(40);

    CliRun run = repo.backup("run");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("output").asText()).contains("status=ok").contains("databases: mysql,shop");

    // exactly what restic's policy keeps, computed here from the snapshots' own times
    Map<String, OffsetDateTime> after = snapshots(web, "gardien-files");
    Map<String, OffsetDateTime> all = new LinkedHashMap<>(before);
    after.forEach((id, time) -> {
      if (!before.containsKey(id)) {
        all.put(id, time);
      }
    });
    assertThat(all).hasSize(41);
    Set<String> expected = kept(all, DAILY, MONTHLY);
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected.size()).isBetween(DAILY + MONTHLY - 2, DAILY + MONTHLY);

    // the newest snapshots hold the site files and the dump
    assertThat(web.check(SCRIPT + " restic ls latest --tag gardien-files"))
        .contains("/srv/www/shop/public/index.php").contains("/srv/www/shop/public/logo.bin");
    assertThat(web.check(SCRIPT + " restic ls latest --tag gardien-db --path /mariadb-shop.sql"))
        .contains("/mariadb-shop.sql");

    // restore the site (files and database) and compare with the originals
    CliRun restore = repo.backup("restore", "--site", "shop", "--to", "/root/restored");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(web.check("cd /root/restored/srv/www/shop && find public -type f | sort | xargs sha256sum"))
        .isEqualTo(siteSums);
    assertThat(web.check("ls /root/restored/srv/www")).isEqualTo("shop\n");
    web.check("mariadb -e 'DROP DATABASE shop' && mariadb < /root/restored/mariadb-shop.sql");
    assertThat(web.check("mariadb -N -e 'SELECT * FROM shop.orders ORDER BY id'")).isEqualTo(rows);
    // one older snapshot by its ID
    String oldest = all.entrySet().stream().filter(e -> after.containsKey(e.getKey()))
        .min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    CliRun byId = repo.backup("restore", "--snapshot", oldest.substring(0, 8), "--to", "/root/old");
    assertThat(byId.exitCode()).as(byId.toString()).isZero();
    assertThat(web.check("test -f /root/old/srv/www/shop/public/index.php && echo yes")).isEqualTo("yes\n");

    // the first run verified the repository too, and recorded it
    assertThat(web.check("cat /var/lib/gardien/backup/last-check")).contains("status=ok").contains("readData=5%");
    CliRun verify = repo.backup("check");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();

    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(plan)).isEmpty();
    assertThat(check(plan, "last backup").get("actual").asText())
        .startsWith("ok ").contains(expected.size() + 2 + " snapshots").contains("; repository ")
        .contains("; space free ").endsWith("databases: mysql,shop");
    assertThat(check(plan, "last verification").get("actual").asText()).startsWith("ok ");
    assertThat(server(plan).get("roundTrips").asInt()).isEqualTo(1);
    // the last success as the record on the server holds it: the reading gardien run exports
    String lastSuccess = web.check("sed -n 's/^lastSuccess=//p' /var/lib/gardien/backup/last-run").strip();
    assertThat(lastSuccess).matches("[0-9]+");
    assertThat(backupModule(plan).get("readings")).singleElement().satisfies(r -> {
      assertThat(r.get("name").asText()).isEqualTo("backup_last_success_timestamp_seconds");
      assertThat(r.get("value").asLong()).isEqualTo(Long.parseLong(lastSuccess));
    });
    CliRun third = repo.run("apply");
    assertThat(third.exitCode()).as(third.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(third)).isEmpty();

    // a rotated repository password: apply re-keys the repository first, which still opens
    CliRun rotate = repo.secrets("rotate", web.name(), "backup-repository-password");
    assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
    CliRun rekey = repo.run("apply");
    assertThat(rekey.exitCode()).as(rekey.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(rekey)).containsExactly("~ file /etc/gardien/backup/password");
    CliRun listed = repo.backup("snapshots");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.json().get("output").asText()).contains(oldest.substring(0, 8));
    assertThat(new ObjectMapper().readTree(web.check(SCRIPT + " restic key list --json"))).hasSize(1);

    // a space that refuses the key: the run fails and the plan says so
    space.check("rm /home/" + SPACE_USER + "/.ssh/authorized_keys");
    CliRun refused = repo.backup("run");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILURE);
    CliRun failedPlan = repo.run("plan");
    assertThat(failedPlan.exitCode()).as(failedPlan.toString()).isEqualTo(ExitCode.FAILED_CHECKS);
    JsonNode failed = check(failedPlan, "last backup");
    assertThat(failed.get("passed").asBoolean()).isFalse();
    assertThat(failed.get("actual").asText()).startsWith("failed ").contains("last success ")
        .contains("the space refuses the key: authorise the one printed by gardien backup key " + web.name());
    assertThat(backupModule(failedPlan).get("readings")).as("a failed run keeps the last success")
        .singleElement().satisfies(r -> assertThat(r.get("value").asLong()).isEqualTo(Long.parseLong(lastSuccess)));
  }

  /**
   * The offer's backup space is replicated: a second space host gets every night's snapshots by
   * restic copy, both list the same snapshot, a restore from the replica gives the files back, and
   * a replica that refuses the key fails its own check while the backup space's stays good.
   */
  @Test
  void copiesTheSnapshotsToAReplicaSpaceAndRestoresFromIt(TestHosts hosts) throws Exception {
    TestHost primary = hosts.boot();
    TestHost replica = hosts.boot();
    TestHost web = hosts.boot();
    TestRepo repo = new TestRepo(Files.createTempDirectory("gardien-it"), web)
        .fleet(("{backupSpace: {host: %s, user: %s, path: gardien, hostKey: '%s'},"
            + " backupReplicas: [{host: %s, user: %s, path: copies, hostKey: '%s'}]}")
            .formatted(primary.address(), SPACE_USER, primary.hostPublicKey(),
                replica.address(), SPACE_USER, replica.hostPublicKey()));
    repo.write("""
        backup:
          enabled: true
          paths: [/srv/data]
          databases: false
        """);
    String publicKey = repo.backup("key").json().get("publicKey").asText();
    for (TestHost space : List.of(primary, replica)) {
      space.check("useradd --create-home --shell /bin/sh " + SPACE_USER
          + " && install -d -m 700 -o " + SPACE_USER + " -g " + SPACE_USER + " /home/" + SPACE_USER + "/.ssh"
          + " && echo '" + publicKey + "' > /home/" + SPACE_USER + "/.ssh/authorized_keys"
          + " && chown " + SPACE_USER + ": /home/" + SPACE_USER + "/.ssh/authorized_keys");
    }
    web.check("mkdir -p /srv/data && head -c 200000 /dev/urandom > /srv/data/ledger.bin && echo v1 > /srv/data/notes");
    String sums = web.check("cd /srv/data && sha256sum ledger.bin notes");

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).contains("+ file /etc/gardien/backup/ssh_config", "+ restic repository");
    assertThat(replica.check("ls /home/" + SPACE_USER + "/copies/" + web.name())).as("init made the replica")
        .contains("config");
    CliRun again = repo.run("apply");
    assertThat(changes(again)).as(again.toString()).isEmpty();

    CliRun run = repo.backup("run");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    CliRun listed = repo.backup("snapshots");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    String output = listed.json().get("output").asText();
    String[] sections = output.split("== replica 1: ");
    assertThat(sections).as(output).hasSize(2);
    // a copy gets an ID of its own in the replica: the same snapshot is the same time, host and paths
    java.util.regex.Matcher row = java.util.regex.Pattern
        .compile("(?m)^[0-9a-f]{8}\\s+(\\S+ \\S+\\s+" + web.name() + "\\s+gardien-files\\s+/srv/data)").matcher(sections[0]);
    assertThat(row.find()).as(output).isTrue();
    assertThat(sections[0]).contains("== backup space: sftp:" + SPACE_USER + "@" + primary.address());
    assertThat(sections[1]).startsWith("sftp:" + SPACE_USER + "@" + replica.address() + ":copies/" + web.name())
        .contains(row.group(1)).contains("1 snapshots");

    web.check("rm -rf /srv/data");
    CliRun restore = repo.backup("restore", "--space", "1", "--to", "/root/from-replica");
    assertThat(restore.exitCode()).as(restore.toString()).isZero();
    assertThat(web.check("cd /root/from-replica/srv/data && sha256sum ledger.bin notes")).isEqualTo(sums);

    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(check(plan, "backup replica 1").get("actual").asText()).startsWith("ok ").contains("1 snapshots")
        .contains("verified");
    assertThat(web.check("cat /var/lib/gardien/backup/replica-1-check")).contains("status=ok");

    // the replica's space refuses the key: its check fails, the backup space's does not
    replica.check("rm /home/" + SPACE_USER + "/.ssh/authorized_keys");
    CliRun refused = repo.backup("run");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.FAILURE);
    CliRun failedPlan = repo.run("plan");
    assertThat(failedPlan.exitCode()).as(failedPlan.toString()).isEqualTo(ExitCode.FAILED_CHECKS);
    assertThat(check(failedPlan, "last backup").get("passed").asBoolean()).as(check(failedPlan, "last backup").toString()).isTrue();
    JsonNode failed = check(failedPlan, "backup replica 1");
    assertThat(failed.get("passed").asBoolean()).isFalse();
    assertThat(failed.get("actual").asText()).startsWith("failed ")
        .contains("the space refuses the key: authorise the one printed by gardien backup key " + web.name());
  }

  private static JsonNode backupModule(CliRun run) {
    for (JsonNode m : server(run).get("modules")) {
      if (m.get("module").asText().equals("backup")) {
        return m;
      }
    }
    throw new AssertionError("no backup module in " + run);
  }

  /** The snapshots with {@code tag}: short ID to time. */
  private static Map<String, OffsetDateTime> snapshots(TestHost web, String tag) throws Exception {
    JsonNode list = new ObjectMapper().readTree(web.check(SCRIPT + " restic snapshots --json --tag " + tag));
    Map<String, OffsetDateTime> out = new LinkedHashMap<>();
    for (JsonNode s : list) {
      out.put(s.get("short_id").asText(), OffsetDateTime.parse(s.get("time").asText()));
    }
    return out;
  }

  /**
   * restic's --keep-daily/--keep-monthly, written from its documentation: going from the newest
   * snapshot back, the newest of each of the last {@code daily} days that have snapshots and of
   * each of the last {@code monthly} months; a snapshot kept by either is kept. Days and months
   * are those of each snapshot's own time.
   */
  static Set<String> kept(Map<String, OffsetDateTime> snapshots, int daily, int monthly) {
    List<Map.Entry<String, OffsetDateTime>> newestFirst = new ArrayList<>(snapshots.entrySet());
    newestFirst.sort(Map.Entry.<String, OffsetDateTime>comparingByValue(Comparator.comparing(OffsetDateTime::toInstant))
        .reversed());
    Set<LocalDate> days = new HashSet<>();
    Set<YearMonth> months = new HashSet<>();
    Set<String> kept = new HashSet<>();
    for (Map.Entry<String, OffsetDateTime> s : newestFirst) {
      LocalDate day = s.getValue().toLocalDate();
      YearMonth month = YearMonth.from(s.getValue());
      if (!days.contains(day) && days.size() < daily) {
        days.add(day);
        kept.add(s.getKey());
      }
      if (!months.contains(month) && months.size() < monthly) {
        months.add(month);
        kept.add(s.getKey());
      }
    }
    return kept;
  }

  private static JsonNode check(CliRun run, String name) {
    for (JsonNode m : server(run).get("modules")) {
      if (m.get("module").asText().equals("backup")) {
        for (JsonNode c : m.get("checks")) {
          if (c.get("name").asText().equals(name)) {
            return c;
          }
        }
      }
    }
    throw new AssertionError("no backup check " + name + " in " + run);
  }
}
