package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.conobium.gardien.reconciler.LocalSmtp;
import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The monitoring of {@code gardien run} on real Debian 13 hosts, checked every second from the
 * controller with no credential: on one host nginx is stopped, so its site fails while SSH still
 * answers; the other host drops everything from the controller, as a host that is off does. Each
 * opens an incident after five failed rounds, and a real SMTP server receives exactly one alert
 * each, with its diagnosis; when they answer again, exactly one recovery each. Both manifests are
 * in detect mode: the daemon changes nothing on the hosts, only looks at them.
 */
@ExtendWith(DebianHostExtension.class)
class MonitorIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aStoppedServiceAndAnUnreachableHostEachGiveOneAlertThenOneRecovery(TestHosts hosts) throws Exception {
    TestHost web = hosts.boot(HostOptions.defaults().withWebStack());
    TestHost off = hosts.boot(HostOptions.defaults().withWebStack()); // its nftables cuts it off
    LocalSmtp local = LocalSmtp.start("127.0.0.1");
    GreenMail smtp = local.mail();
    int port = local.port();
    Path dir = Files.createTempDirectory("gardien-monitor-it");
    String fleet = "{notifications: [ops@example.net], smtp: {host: 127.0.0.1, port: " + port
        + ", from: gardien@example.net, tls: none}}";
    String watch = """
        reconcile: {mode: detect}
        monitoring: {interval: 1s, failuresBeforeAlert: 5}
        """;
    TestRepo webRepo = new TestRepo(dir.resolve("work"), web).fleet(fleet).write("""
        reconcile: {mode: detect}
        monitoring:
          interval: 1s
          failuresBeforeAlert: 5
          checks:
            - tcp: 22
            - name: shop-home
              http: {site: shop, status: 200, contains: Welcome to nginx}
        web: {enabled: true}
        sites:
          - name: shop
            domains: [shop.gardien.test]
            tls: {mode: none}
        """);
    new TestRepo(dir.resolve("work"), off).fleet(fleet).write(watch);
    // the banner checks every second are unauthenticated connections, which OpenSSH 10 penalises
    // (PerSourcePenalties): the controller's logins after them (the maintenance, below) would be
    // refused for a while. The controller is exempt, as a managed server's sshd makes it.
    web.check("echo 'PerSourcePenaltyExemptList " + web.controllerAddress() + "' > /etc/ssh/sshd_config.d/10-test.conf"
        + " && sshd -t && systemctl reload ssh");
    BareConfigRepo config = BareConfigRepo.create(dir.resolve("config.git"));
    config.publish(webRepo.root, "two watched servers");
    RunOptions options = config.runOptions(web.rootKey(), dir.resolve("state"));
    DaemonSettings settings = new DaemonSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(5),
        2, Mode.APPLY, Duration.ofMinutes(5), 3, Duration.ofSeconds(30));
    DaemonStarter starter = Guice.createInjector(new CliWiring(webRepo.home)).getInstance(DaemonStarter.class);
    try (DaemonStarter.Running daemon = starter.start(options, settings, Duration.ofMillis(100))) {
      String siteUp = "gardien_monitor_up{check=\"site shop\",server=\"" + web.name() + "\"}";
      String offSsh = "gardien_monitor_up{check=\"ssh\",server=\"" + off.name() + "\"}";
      await().atMost(Duration.ofSeconds(60)).until(() -> value(daemon, siteUp) == 1 && value(daemon, offSsh) == 1);
      assertThat(value(daemon, "gardien_monitor_up{check=\"shop-home\",server=\"" + web.name() + "\"}"))
          .as("the added HTTP check: the page says Welcome to nginx").isEqualTo(1);
      assertThat(value(daemon, "gardien_monitor_up{check=\"tcp 22\",server=\"" + web.name() + "\"}")).isEqualTo(1);
      assertThat(smtp.getReceivedMessages()).isEmpty();

      web.check("systemctl stop nginx");
      off.check("nft add table inet cut && nft add chain inet cut input '{ type filter hook input priority -10; }'"
          + " && nft add rule inet cut input ip saddr " + off.controllerAddress() + " drop");

      await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 2);
      Thread.sleep(3000);
      List<MimeMessage> alerts = Arrays.asList(smtp.getReceivedMessages());
      assertThat(alerts).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
          "[gardien] " + web.name() + " down: site shop, shop-home", "[gardien] " + off.name() + " down: ssh");
      MimeMessage webAlert = alerts.stream().filter(m -> subject(m).contains(web.name())).findFirst().orElseThrow();
      assertThat(GreenMailUtil.getBody(webAlert)).contains("the server answers (SSH) but a service fails: site shop")
          .contains("; down: nginx.service (inactive)").contains("http://shop.gardien.test: connection refused")
          .contains("What the server says of itself (over SSH):");
      MimeMessage offAlert = alerts.stream().filter(m -> subject(m).contains(off.name())).findFirst().orElseThrow();
      assertThat(GreenMailUtil.getBody(offAlert)).contains("unreachable: no answer at any level");
      assertThat(value(daemon, "gardien_incidents_open{server=\"" + web.name() + "\"}")).isEqualTo(1);
      assertThat(value(daemon, "gardien_monitor_consecutive_failures{server=\"" + off.name() + "\"}"))
          .as("failing on, one incident").isGreaterThanOrEqualTo(5);

      web.check("systemctl start nginx");
      off.check("nft delete table inet cut");
      await().atMost(Duration.ofSeconds(60)).until(() -> smtp.getReceivedMessages().length >= 4);
      Thread.sleep(3000);
      List<String> subjects = Arrays.stream(smtp.getReceivedMessages()).map(MonitorIT::subject).toList();
      assertThat(subjects).hasSize(4);
      assertThat(subjects.subList(2, 4)).allMatch(s -> s.contains(" recovered after "))
          .anyMatch(s -> s.contains(web.name())).anyMatch(s -> s.contains(off.name()));
      assertThat(value(daemon, "gardien_incidents_open{server=\"" + web.name() + "\"}")).isZero();
      assertThat(value(daemon, siteUp)).isEqualTo(1);

      // gardien incidents, from the state database the daemon writes
      CliRun listed = CliRun.inHome(webRepo.home, "incidents", "--since", "2020-01-01", "-o", "json");
      assertThat(listed.exitCode()).as(listed.toString()).isZero();
      JsonNode webIncident = incidentOf(listed.json(), web.name());
      assertThat(webIncident.get("open").asBoolean()).isFalse();
      assertThat(webIncident.get("durationSeconds").asLong()).isGreaterThanOrEqualTo(5);
      assertThat(webIncident.get("diagnosis").asText()).contains("down: nginx.service (inactive)");
      assertThat(webIncident.get("details").asText()).contains("memory:");
      JsonNode offIncident = incidentOf(listed.json(), off.name());
      assertThat(offIncident.get("diagnosis").asText()).startsWith("unreachable");
      assertThat(CliRun.inHome(webRepo.home, "incidents", off.name(), "--since", "2020-01-01").stdout())
          .contains(off.name()).containsPattern(" -> 20\\S+Z  \\d+ (s|min)  failed: ssh")
          .contains("diagnosis: unreachable");
      // exactly five failed rounds, the first the incident's start, the fifth its alert
      try (StateDatabase db = StateDatabase.open(StateLocation.embedded(StateLocation.embeddedDirectory(
          webRepo.home)))) {
        Instant started = Instant.parse(offIncident.get("started").asText());
        Instant alerted = Instant.parse(offIncident.get("alerted").asText());
        assertThat(db.monitorHistory().failures(off.name(), started, alerted.plusMillis(1)))
            .filteredOn(f -> f.check().equals("ssh")).hasSize(5);
      }
    } finally {
      local.close();
    }
    // the hours counted, stored when the daemon stopped: gardien uptime
    JsonNode uptime = CliRun.inHome(webRepo.home, "uptime", off.name(), "-o", "json").json();
    JsonNode offUptime = uptime.get("servers").get(0);
    assertThat(offUptime.get("failedRounds").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(offUptime.get("rounds").asLong()).isGreaterThan(offUptime.get("failedRounds").asLong());
    assertThat(offUptime.get("availabilityPercent").asDouble()).isBetween(0.0, 99.99);

    // the month's report from this real data: the daemon's rounds and the incident, and a maintenance run now
    CliRun maintained = webRepo.maintain("--only", "raid,diskSpace,services");
    assertThat(maintained.exitCode()).as(maintained.toString()).isIn(ExitCode.OK, ExitCode.FAILED_CHECKS);
    Path reports = Files.createTempDirectory("gardien-report-it");
    String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
    CliRun report = CliRun.inHome(webRepo.home, "report", web.name(), "-r", webRepo.root.toString(), "--month", month,
        "--out", reports.toString(), "--lang", "en", "-o", "json");
    assertThat(report.exitCode()).as(report.toString()).isZero();
    assertThat(report.json().get("reports").get(0).get("incidents").asInt()).isEqualTo(1);
    String text = com.conobium.gardien.reconciler.report.PdfReportTestSupport.text(
        reports.resolve(web.name() + "-" + month + ".pdf"));
    System.out.println("MonitorIT report:\n" + text);
    assertThat(text).contains("Monthly report", web.name(), "1 incident(s)", "site shop", "Monthly maintenance",
        "a virtual server or container (systemd-nspawn): no physical disks to check", "Free disk space");
    assertThat(report.json().get("reports").get(0).get("availabilityPercent").asDouble()).isBetween(1.0, 99.99);
  }

  private static JsonNode incidentOf(JsonNode doc, String server) {
    for (JsonNode i : doc.get("incidents")) {
      if (i.get("server").asText().equals(server)) {
        return i;
      }
    }
    throw new AssertionError("no incident of " + server + " in " + doc);
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private double value(DaemonStarter.Running daemon, String series) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + daemon.httpAddress().getPort() + "/metrics");
    String metrics = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
