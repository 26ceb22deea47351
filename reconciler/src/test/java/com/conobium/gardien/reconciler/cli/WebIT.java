package com.conobium.gardien.reconciler.cli;

import static com.conobium.gardien.reconciler.cli.ReconcileIT.changes;
import static com.conobium.gardien.reconciler.cli.ReconcileIT.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.testhosts.DebianHostExtension;
import com.conobium.gardien.testhosts.HostSpec;
import com.conobium.gardien.testhosts.TestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web, database and sites modules on real Debian 13 hosts: two sites answer over HTTPS (with
 * their placeholder certificates), PHP runs as each site's user and cannot read the other site's
 * files, the site's user gets SFTP in its chroot but no shell, each database user sees only its
 * database, an nginx configuration that fails {@code nginx -t} is refused while the old one keeps
 * serving, a second apply changes nothing, and a site leaving the manifest is archived and removed.
 */
@ExtendWith(DebianHostExtension.class)
class WebIT {
  static final String PAGE = """
      <?php
      echo posix_getpwuid(posix_geteuid())['name'], "\\n";
      $f = $_GET['f'] ?? '';
      if ($f !== '') { $c = @file_get_contents($f); echo $c === false ? "DENIED" : "READ " . $c, "\\n"; }
      """;

  static String spec(String sshKey, String bodySize, boolean withBeta) {
    return """
        web:
          enabled: true
          clientMaxBodySize: %s
        database:
          enabled: true
        sites:
          - name: alpha
            domains: [alpha.example.test, www.alpha.example.test]
            tls: {mode: provided, certificate: alpha-cert, key: alpha-key}
            sftp:
              sshKeys: ["%s"]
        """.formatted(bodySize, sshKey)
        + (withBeta ? """
          - name: beta
            domains: [beta.example.test]
            tls: {mode: provided, certificate: beta-cert, key: beta-key}
            php: {pm: dynamic, maxChildren: 3}
            database: {name: beta_db, user: beta_user}
        """ : "");
  }

  @Test
  void twoIsolatedSitesOnTheWebStackLayer(@HostSpec(webStack = true) TestHost host, @TempDir Path work)
      throws Exception {
    Path key = work.resolve("alpha_ed25519");
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "alpha@it", "-f", key.toString()));
    String publicKey = Files.readString(work.resolve("alpha_ed25519.pub")).strip();
    TestRepo repo = new TestRepo(work.resolve("repo"), host).write(spec(publicKey, "64m", true));
    // the customers' own certificates (ACME is TlsIT's): HTTPS answers without the network
    TestCertificate.selfSigned("alpha.example.test", "www.alpha.example.test").store(repo, host.name(), "alpha");
    TestCertificate.selfSigned("beta.example.test").store(repo, host.name(), "beta");
    host.awaitStartup(); // MariaDB up, as on a settled server (its root is then planned on its own)

    CliRun apply = repo.run("apply");
    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).contains("~ file /etc/nginx/nginx.conf", "+ user alpha", "+ user beta",
        "+ nginx vhost of site alpha", "+ PHP-FPM pool of site beta", "+ database beta_db",
        "+ database user beta_user", "~ authentication of database root",
        "+ sshd configuration /etc/ssh/sshd_config.d/50-gardien-sites.conf");

    // the site's user uploads its page over SFTP, chrooted to its home
    Files.writeString(work.resolve("who.php"), PAGE);
    String sftp = sftp(host, key, "alpha", "pwd\nls\nput " + work.resolve("who.php") + " public/who.php\n");
    assertThat(sftp).contains("Remote working directory: /").contains("public");
    assertThat(host.check("stat -c '%U:%G' /srv/www/alpha/public/who.php")).isEqualTo("alpha:www-data\n");
    // ... but gets no shell and no forwarding
    Result shell = exec(ssh(host, key, "alpha", "id"));
    assertThat(shell.output()).contains("This service allows sftp connections only.").doesNotContain("uid=");
    assertThat(shell.exitCode()).isNotZero();

    // both sites answer over HTTPS; unknown hosts get nothing
    assertThat(https(host, "alpha.example.test", "/who.php")).isEqualTo("alpha\n");
    assertThat(https(host, "www.alpha.example.test", "/who.php")).isEqualTo("alpha\n");
    host.check("printf '<?php echo posix_getpwuid(posix_geteuid())[\"name\"], \"\\\\n\";' > /srv/www/beta/public/index.php"
        + " && echo beta-secret > /srv/www/beta/public/secret.txt"
        + " && chown beta:www-data /srv/www/beta/public/index.php /srv/www/beta/public/secret.txt"
        + " && chmod 0640 /srv/www/beta/public/secret.txt");
    assertThat(https(host, "beta.example.test", "/")).isEqualTo("beta\n");
    Result headers = exec(List.of("curl", "-sk", "-D-", "-o/dev/null", "--resolve",
        "alpha.example.test:443:" + host.address(), "https://alpha.example.test/who.php"));
    assertThat(headers.output()).contains("strict-transport-security: max-age=63072000")
        .contains("server: nginx\r\n");
    Result redirect = exec(List.of("curl", "-s", "-D-", "-o/dev/null", "--resolve",
        "alpha.example.test:80:" + host.address(), "http://alpha.example.test/who.php"));
    assertThat(redirect.output()).contains("301").contains("Location: https://alpha.example.test/who.php");
    host.check("echo token-1 > /var/www/gardien-acme-challenge/token-1");
    assertThat(exec(List.of("curl", "-s", "--resolve", "beta.example.test:80:" + host.address(),
        "http://beta.example.test/.well-known/acme-challenge/token-1")).output()).isEqualTo("token-1\n");
    Result unknown = exec(List.of("curl", "-s", "--resolve", "unknown.test:80:" + host.address(), "http://unknown.test/"));
    // 444: nginx closes the connection without an answer (curl: empty reply, or reset)
    assertThat(unknown.exitCode()).as(unknown.output()).isIn(52, 56);
    assertThat(unknown.output()).isEmpty();
    assertThat(exec(List.of("curl", "-sk", "--resolve", "unknown.test:443:" + host.address(),
        "https://unknown.test/")).exitCode()).as("handshake refused").isEqualTo(35);

    // one site's PHP cannot read the other's files: open_basedir, and below it the file modes
    assertThat(https(host, "alpha.example.test", "/who.php?f=/srv/www/beta/public/secret.txt"))
        .isEqualTo("alpha\nDENIED\n");
    assertThat(host.exec("runuser -u alpha -- cat /srv/www/beta/public/secret.txt").ok()).isFalse();
    assertThat(host.exec("runuser -u beta -- cat /srv/www/beta/public/secret.txt").stdout()).isEqualTo("beta-secret\n");
    assertThat(host.check("stat -c '%a %U:%G' /run/php/gardien-alpha.sock /srv/www/alpha /srv/www/alpha/public"))
        .isEqualTo("660 alpha:www-data\n751 root:alpha\n2750 alpha:www-data\n");

    // each database user sees only its own database, with the password kept in the secret store
    SecretStore store = CommandSecrets.of(repo.home);
    Secret alphaPassword = store.getOrCreate(host.name(), "database-alpha", 30);
    Secret betaPassword = store.getOrCreate(host.name(), "database-beta", 30);
    assertThat(mariadbAs(host, "alpha", alphaPassword)).isEqualTo("alpha\ninformation_schema\n");
    assertThat(mariadbAs(host, "beta_user", betaPassword)).isEqualTo("beta_db\ninformation_schema\n");
    assertThat(host.exec("mariadb --user=root --password=x --protocol=tcp -e 'SELECT 1'").ok())
        .as("root only through the unix socket").isFalse();
    assertThat(apply.toString()).doesNotContain(alphaPassword.reveal()).doesNotContain(betaPassword.reveal());

    // converged: no drift in one round trip, and a second apply changes nothing
    CliRun plan = repo.run("plan");
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCode.OK);
    assertThat(server(plan).get("roundTrips").asInt()).isEqualTo(1);
    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(second)).isEmpty();

    // an nginx configuration that fails nginx -t is refused and the old one keeps serving
    String before = host.check("sha256sum /etc/nginx/nginx.conf");
    repo.write(spec(publicKey, "99999999999999999999999g", true));
    CliRun broken = repo.run("apply");
    assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(broken.toString()).contains("client_max_body_size").contains("test failed");
    assertThat(host.check("sha256sum /etc/nginx/nginx.conf")).isEqualTo(before);
    assertThat(host.check("systemctl is-active nginx")).isEqualTo("active\n");
    assertThat(https(host, "alpha.example.test", "/who.php")).isEqualTo("alpha\n");
    repo.write(spec(publicKey, "64m", true));
    CliRun fixed = repo.run("plan");
    assertThat(fixed.exitCode()).as(fixed.toString()).isEqualTo(ExitCode.OK);

    // beta leaves the manifest: archived (files and database), then removed
    repo.write(spec(publicKey, "64m", false));
    CliRun removal = repo.run("apply");
    assertThat(removal.exitCode()).as(removal.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(removal)).contains("- site beta");
    String archive = host.check("ls /var/backups/gardien/").strip();
    assertThat(archive).startsWith("site-beta-").endsWith(".tar.gz");
    assertThat(host.check("tar -tzf /var/backups/gardien/" + archive))
        .contains("beta/public/secret.txt").contains("./database.sql");
    assertThat(host.exec("id beta").ok()).isFalse();
    assertThat(host.exec("test -e /srv/www/beta || test -e /etc/nginx/gardien-sites/beta.conf").ok()).isFalse();
    assertThat(host.check("mariadb -N -e 'SHOW DATABASES'")).doesNotContain("beta_db");
    assertThat(https(host, "alpha.example.test", "/who.php")).isEqualTo("alpha\n");
    CliRun after = repo.run("plan");
    assertThat(after.exitCode()).as(after.toString()).isEqualTo(ExitCode.OK);
  }

  @Test
  void aBareHostConvergesToOneSite(TestHost host, @TempDir Path work) throws Exception {
    TestRepo repo = new TestRepo(work.resolve("repo"), host).write("""
        web: {enabled: true}
        database: {enabled: true}
        sites:
          - name: shop
            domains: [shop.example.test]
            tls: {mode: none}
        """);

    CliRun apply = repo.run("apply");

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(apply)).anyMatch(c -> c.startsWith("+ packages ") && c.contains("mariadb-server")
        && c.contains("nginx") && c.contains("php8.4-fpm"));
    host.check("echo '<?php echo posix_getpwuid(posix_geteuid())[\"name\"];' > /srv/www/shop/public/index.php");
    assertThat(exec(List.of("curl", "-s", "--resolve", "shop.example.test:80:" + host.address(),
        "http://shop.example.test/")).output()).isEqualTo("shop");
    CliRun second = repo.run("apply");
    assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCode.OK);
    assertThat(changes(second)).isEmpty();
  }

  private static String https(TestHost host, String domain, String path) throws Exception {
    Result r = exec(List.of("curl", "-sk", "--max-time", "10", "--resolve", domain + ":443:" + host.address(),
        "https://" + domain + path));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  private static String mariadbAs(TestHost host, String user, Secret password) {
    // the password goes through an option file readable by root only, never a command line; quoted,
    // since a # would start a comment there
    host.check("umask 077 && printf '[client]\\nuser=%s\\npassword=\"%s\"\\n' '" + user + "' '" + password.reveal()
        + "' > /root/it.cnf");
    String databases = host.check("mariadb --defaults-extra-file=/root/it.cnf -N -e 'SHOW DATABASES'");
    host.check("rm -f /root/it.cnf");
    return databases;
  }

  private static String sftp(TestHost host, Path key, String user, String batch) throws Exception {
    Path file = Files.createTempFile("sftp", ".batch");
    Files.writeString(file, batch);
    List<String> command = new ArrayList<>(List.of("sftp", "-b", file.toString()));
    command.addAll(sshOptions(host, key));
    command.add(user + "@" + host.address());
    Result r = exec(command);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output();
  }

  private static List<String> ssh(TestHost host, Path key, String user, String command) {
    List<String> all = new ArrayList<>(List.of("ssh"));
    all.addAll(sshOptions(host, key));
    all.add(user + "@" + host.address());
    all.add(command);
    return all;
  }

  private static List<String> sshOptions(TestHost host, Path key) {
    return List.of("-i", key.toString(), "-o", "Port=" + host.sshPort(),
        "-o", "UserKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR");
  }

  private record Result(int exitCode, String output) {}

  private static Result exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command.get(0) + " did not finish");
    }
    return new Result(p.exitValue(), output);
  }

  private static void run(List<String> command) throws Exception {
    Result r = exec(command);
    assertThat(r.exitCode()).as(command.get(0) + " printed: " + r.output()).isZero();
  }
}
