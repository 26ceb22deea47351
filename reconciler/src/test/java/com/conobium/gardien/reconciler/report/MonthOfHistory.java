package com.conobium.gardien.reconciler.report;

import com.conobium.gardien.model.ConnectionSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TimeSpec;
import com.conobium.gardien.modules.backup.BackupModule;
import com.conobium.gardien.modules.tls.TlsPlanner;
import com.conobium.gardien.reconciler.state.ChangeRecord;
import com.conobium.gardien.reconciler.state.CheckRecord;
import com.conobium.gardien.reconciler.state.CheckHour;
import com.conobium.gardien.reconciler.state.IncidentRecord;
import com.conobium.gardien.reconciler.state.MaintenanceRecord;
import com.conobium.gardien.reconciler.state.ReadingRecord;
import com.conobium.gardien.reconciler.state.RunRecord;
import com.conobium.gardien.reconciler.state.ServerRecord;
import com.conobium.gardien.reconciler.state.StateDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month of history of one server (web1, Europe/Paris, November 2026) written into a state
 * database as the daemon would have: every minute's round counted by the hour (40 ms each), one
 * incident of 30 minutes (nginx down), the maintenance of the first Sunday with five rounds failed
 * during its reboot (planned), its ten results (upgrades, a warning, a failure), 30 nightly backup
 * readings with one night missed, three configuration changes, a certificate's expiry.
 */
public final class MonthOfHistory {
  static final YearMonth MONTH = YearMonth.of(2026, 11);
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant INCIDENT = Instant.parse("2026-11-10T07:20:00Z");
  static final Instant MAINTENANCE = Instant.parse("2026-11-01T02:00:00Z");
  static final FleetSpec FLEET = new FleetSpec(List.of("ops@hebergeur.example"), null, null, null, null);

  private MonthOfHistory() {}

  public static Server server() {
    return new Server("web1", Map.of("customer", "Boulangerie Lefèvre"), ServerSpec.builder()
        .connection(new ConnectionSpec("198.18.7.2", null, null, null, null))
        .time(new TimeSpec(null, "Europe/Paris")).build(), Path.of("servers/web1.yaml"));
  }

  public static void write(StateDatabase db) {
    Instant from = MONTH.atDay(1).atStartOfDay(PARIS).toInstant();
    Instant to = MONTH.plusMonths(1).atDay(1).atStartOfDay(PARIS).toInstant();
    List<CheckHour> hours = new ArrayList<>();
    for (Instant h = from; h.isBefore(to); h = h.plus(Duration.ofHours(1))) {
      boolean incident = h.equals(INCIDENT.minusSeconds(20 * 60));
      boolean maintenance = h.equals(MAINTENANCE);
      int rounds = maintenance ? 55 : 60;
      int failures = incident ? 30 : 0;
      hours.add(new CheckHour("web1", h, CheckHour.ROUND, rounds, failures, rounds * 40L, 90));
      hours.add(new CheckHour("web1", h, "ssh", rounds, 0, rounds * 20L, 50));
      hours.add(new CheckHour("web1", h, "site shop", rounds, failures, rounds * 40L, 90));
      if (maintenance) {
        hours.add(new CheckHour("web1", h, CheckHour.PLANNED, 5, 5, 5 * 10_000L, 10_000));
      }
    }
    db.monitorHistory().addHours(hours);
    long id = db.monitorHistory().openIncident(new IncidentRecord(0, "web1", INCIDENT, INCIDENT.plusSeconds(300), null,
        "site shop", "site shop: https://shop.example/: 502 Bad Gateway", "the server answers (SSH) but a service fails:"
        + " site shop; down: nginx.service (inactive)", ""));
    db.monitorHistory().closeIncident(id, INCIDENT.plusSeconds(30 * 60));

    db.maintenanceHistory().save(new MaintenanceRecord(0, "web1", MAINTENANCE, MAINTENANCE.plusSeconds(600), false,
        List.of(
            result("upgrades", "ok", "3 package(s) upgraded; rebooted and verified",
                "{\"packages\":[{\"name\":\"nginx\",\"from\":\"1.26.3-3\",\"to\":\"1.26.3-3+deb13u1\"},"
                + "{\"name\":\"libssl3t64\",\"from\":\"3.5.1-1\",\"to\":\"3.5.4-1~deb13u1\"},"
                + "{\"name\":\"linux-image-6.12.57+deb13-amd64\",\"from\":null,\"to\":\"6.12.57-1\"}],"
                + "\"reboot\":{\"needed\":true,\"done\":true,\"verified\":true}}"),
            result("purge", "ok", "1 package(s) purged: libgd3", "{\"purged\":[\"libgd3\"]}"),
            result("raid", "ok", "2 array(s) in sync", "{\"arrays\":[{\"name\":\"md0\",\"level\":\"raid1\",\"state\":\"UU\"},"
                + "{\"name\":\"md1\",\"level\":\"raid1\",\"state\":\"UU\"}]}"),
            result("smart", "ok", "2 disk(s) healthy", "{\"disks\":[{\"device\":\"/dev/sda\",\"model\":\"TOSHIBA MG08ACA16TE\"},"
                + "{\"device\":\"/dev/sdb\",\"model\":\"TOSHIBA MG08ACA16TE\"}]}"),
            result("diskSpace", "warning", "/var/log 85 % used (warning from 80 %)",
                "{\"mounts\":[{\"mount\":\"/\",\"usedPercent\":44,\"previousPercent\":40},"
                + "{\"mount\":\"/var/log\",\"usedPercent\":85,\"previousPercent\":60},{\"mount\":\"/tmp\",\"usedPercent\":3}]}"),
            result("fail2ban", "ok", "5 jail(s) running, 17 ban(s) since the last maintenance",
                "{\"jails\":{\"sshd\":{\"bansInPeriod\":15},\"nginx-http-auth\":{\"bansInPeriod\":2}}}"),
            result("services", "ok", "no failed unit; 8 expected unit(s) checked", "{\"units\":{\"nginx.service\":\"active\","
                + "\"php8.4-fpm.service\":\"active\",\"mariadb.service\":\"active\",\"ssh.service\":\"active\","
                + "\"fail2ban.service\":\"active\",\"nftables.service\":\"active\",\"chrony.service\":\"active\","
                + "\"gardien-backup.timer\":\"active\"}}"),
            result("portScan", "failed", "open but not opened by the manifest: 8081/tcp",
                "{\"open\":[\"80/tcp\",\"443/tcp\",\"2222/tcp\",\"8081/tcp\"],\"unexpected\":[\"8081/tcp\"]}"),
            result("errorLogs", "warning", "12 error(s) logged since the last maintenance, 2 kind(s)",
                "{\"errors\":12,\"patterns\":2,\"top\":[{\"count\":10,\"source\":\"/srv/www/shop/logs/error.log\",\"example\":\"open() failed\"}]}"),
            result("backups", "failed", "nightly backups not done: 2026-10-17 failed",
                "{\"calendar\":{\"2026-10-16\":\"ok\",\"2026-10-17\":\"failed\",\"2026-10-18\":\"ok\"},"
                + "\"spaceFreeBytes\":961234567168}"))));
    // last month's run, for the free space's growth
    db.maintenanceHistory().save(new MaintenanceRecord(0, "web1", Instant.parse("2026-10-04T01:00:00Z"),
        Instant.parse("2026-10-04T01:10:00Z"), false, List.of(result("diskSpace", "ok", "fine",
            "{\"mounts\":[{\"mount\":\"/\",\"usedPercent\":40},{\"mount\":\"/var/log\",\"usedPercent\":60}]}"))));

    List<ReadingRecord> readings = new ArrayList<>();
    for (int day = 1; day <= 30; day++) {
      if (day == 17) {
        continue; // the night the backup failed
      }
      Instant night = LocalDate.of(2026, 11, day).atTime(3, 0).atZone(PARIS).toInstant();
      readings.add(new ReadingRecord("web1", BackupModule.LAST_SUCCESS, new TreeMap<>(), night.plusSeconds(300),
          night.getEpochSecond()));
    }
    TreeMap<String, String> site = new TreeMap<>(Map.of("site", "shop"));
    readings.add(new ReadingRecord("web1", TlsPlanner.EXPIRY, site, Instant.parse("2026-11-30T12:00:00Z"),
        Instant.parse("2027-01-28T10:00:00Z").getEpochSecond()));
    db.repository().saveReadings(readings);

    Instant checked = Instant.parse("2026-11-30T22:00:00Z");
    db.repository().saveChecks("web1", List.of(
        new CheckRecord("web1", "prerequisites", "debian release", true, "13", "13", checked),
        new CheckRecord("web1", "prerequisites", "raid on bare metal", true, "an active md array", "md0, md1", checked),
        new CheckRecord("web1", "prerequisites", "separate partition /tmp", false, "/tmp is a mount point",
            "part of /", checked),
        new CheckRecord("web1", "prerequisites", "swap equals ram", true, "8.0 GiB", "8.0 GiB", checked),
        new CheckRecord("web1", "backup", "last backup", true, "within 26 h", "2 h ago", checked)));
    String[][] changes = {
      {"2026-11-05T09:00:00Z", "a1b2c3d4e5", "sites", "+ site blog: user, pool, vhost"},
      {"2026-11-05T09:00:00Z", "a1b2c3d4e5", "tls", "~ certificate blog: placeholder -> Let's Encrypt"},
      {"2026-11-21T14:30:00Z", "f6a7b8c9d0", "time", "~ timezone: Etc/UTC -> Europe/Paris"},
    };
    for (String[] c : changes) {
      Instant at = Instant.parse(c[0]);
      db.repository().saveRun(new ServerRecord("web1", "hash", "apply", "converged", false, at, at, 0, c[1]),
          new RunRecord(0, "web1", c[1], at, Duration.ofSeconds(4), "spec_changed", "apply", "converged", 3, 1, 1, 0,
              null), List.of(new ChangeRecord(c[2], c[3], ChangeRecord.Status.APPLIED, null)));
    }
  }

  static MaintenanceRecord.Result result(String operation, String verdict, String reason, String details) {
    return new MaintenanceRecord.Result(operation, verdict, reason, details);
  }
}
