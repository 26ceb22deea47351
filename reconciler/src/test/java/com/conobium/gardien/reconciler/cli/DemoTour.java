package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.HeadlessChromium;
import com.conobium.gardien.testhosts.CacheDir;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What {@code ./demo} shows: the whole standard offer on throwaway Debian 13 servers, with the real
 * {@code gardien} commands (the same wiring as {@code bin/gardien}, in this JVM) and real peers: a
 * stock web server and a backup space booted with systemd-nspawn, Debian's Pebble as the ACME CA,
 * a local SMTP server (GreenMail) as the mail relay, headless Chromium opening the credentials
 * link. Each step prints the command and what it printed; the tour fails (exit 1) at the first
 * step that does not do what it says.
 *
 * <p>It lives with the tests because it drives the same peers they do.
 */
public final class DemoTour {
  private static final String SPACE_USER = "gardienbk";
  private final long start = System.nanoTime();
  private final PrintStream out = System.out;
  private int step;
  private Path home;
  private Path repo;
  private TestHost web;

  public static void main(String[] args) throws Exception {
    try {
      new DemoTour().run(Path.of(args.length > 0 ? args[0] : "examples/fleet"));
      System.exit(0);
    } catch (Throwable e) {
      System.err.println("demo: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  private void run(Path examples) throws Exception {
    Path work = Files.createTempDirectory("gardien-demo");
    home = Files.createDirectories(work.resolve("home"));
    repo = Files.createDirectories(work.resolve("repo"));
    step("booting two throwaway Debian 13 servers (stock installs: three SSH host keys, root login)");
    try (TestHosts hosts = TestHosts.start(CacheDir.fromEnvironment())) {
      web = hosts.boot(HostOptions.defaults().withWebStack());
      TestHost space = hosts.boot();
      say("web server   %s at %s (booted in %d ms)", web.name(), web.address(), web.bootTime().toMillis());
      say("backup space %s at %s (booted in %d ms)", space.name(), space.address(), space.bootTime().toMillis());
      GreenMail mailbox = mailbox(web.controllerAddress());
      try (Pebble pebble = Pebble.start(Files.createDirectories(work.resolve("pebble")), web.address())) {
        say("local ACME CA (Pebble) %s, local mail relay %s:%d", pebble.directory(), web.controllerAddress(),
            mailbox.getSmtp().getPort());
        Files.writeString(home.resolve("acme-ca.pem"), pebble.tlsCertificatePem());
        writeRepo(examples, space, pebble, mailbox.getSmtp().getPort());
        tour(space, mailbox, pebble);
      } finally {
        mailbox.stop();
      }
      step("powering the servers off");
    }
    out.printf("%nDone in %d s. Where to look next:%n", seconds());
    out.println("  README.md                 the commands, the offer and what is done");
    out.println("  docs/manifest.md          every manifest field; examples/fleet is the standard offer");
    out.println("  docs/daemon.md            gardien run: the GitOps loop, /metrics, alert rules");
    out.println("  docs/credentials.md       the one-time links; docs/backup.md the backups and replicas");
    out.println("  docs/testing.md           how these throwaway servers are made, and the tests");
  }

  private void tour(TestHost space, GreenMail mailbox, Pebble pebble) throws Exception {
    step("gardien validate: the config repository (examples/fleet's standard-web profile, two sites)");
    gardien("validate", repo.toString());

    step("gardien plan on the bare server (no secret store yet: secret values are not compared)");
    gardien(List.of(0, 4), "plan", repo.toString(), "--identity", web.rootKey().toString());

    step("the backup space's operator authorises the key Gardien prints for the server");
    String key = gardien("backup", "key", web.name(), "--repo", repo.toString()).strip();
    space.check("useradd --create-home --shell /bin/sh " + SPACE_USER + " && install -d -m 700 -o " + SPACE_USER
        + " -g " + SPACE_USER + " /home/" + SPACE_USER + "/.ssh && echo '" + key + "' > /home/" + SPACE_USER
        + "/.ssh/authorized_keys && chown " + SPACE_USER + ": /home/" + SPACE_USER + "/.ssh/authorized_keys");
    TestCertificate provided = TestCertificate.selfSigned("blog.demo.test");
    Path pem = Files.createDirectories(home.resolve("provided"));
    Files.writeString(pem.resolve("blog.crt"), provided.certificatePem());
    Files.writeString(pem.resolve("blog.key"), provided.keyPem());
    say("and the customer's own certificate for blog.demo.test goes into the secret store:");
    gardien("secrets", "put", web.name(), "blog-cert", "--file", pem.resolve("blog.crt").toString());
    gardien("secrets", "put", web.name(), "blog-key", "--file", pem.resolve("blog.key").toString());
    web.awaitStartup();

    step("gardien apply: take the server over and converge it (progress per change)");
    gardien("apply", repo.toString(), "--identity", web.rootKey().toString());

    step("seen from outside: root refused, SSH moved to 2222, only ping, 80, 443 and SSH open");
    say("TCP ports answering at %s: %s (of 21, 22, 25, 80, 110, 443, 2222, 3306, 5432, 8080, 9000)", web.address(),
        openPorts(web.address(), List.of(21, 22, 25, 80, 110, 443, 2222, 3306, 5432, 8080, 9000)));
    say("ping (ICMP echo): %s", java.net.InetAddress.getByName(web.address()).isReachable(2000) ? "answers" : "no answer");
    say("sshd: %s", web.check("sshd -T | grep -E '^(port|permitrootlogin|passwordauthentication) ' | tr '\\n' ' '"));
    say("nftables input policy: %s", web.check("nft list chain inet gardien input | grep -o 'policy [a-z]*'").strip());

    step("the two sites over HTTPS, fetched from here: shop with Pebble's certificate (ACME), blog with the customer's own");
    for (String site : List.of("shop", "blog")) {
      // the customer's page, as an SFTP upload would leave it
      web.check("printf '<h1>%s is online</h1>\\n' " + site + " > /srv/www/" + site + "/public/index.html"
          + " && chown " + site + ": /srv/www/" + site + "/public/index.html");
      say("https://%s.demo.test/ -> %s", site, local("curl -sS -k -v --resolve " + site + ".demo.test:443:" + web.address()
          + " -w 'HTTP %{http_code}\\n' https://" + site + ".demo.test/ 2>&1"
          + " | grep -E '^HTTP [0-9]|issuer:|<h1>' | sed 's/^\\* *//' | paste -sd ';' -"));
    }
    say("MariaDB: %s", web.check("mariadb -N -e \"SELECT GROUP_CONCAT(SCHEMA_NAME) FROM information_schema.SCHEMATA"
        + " WHERE SCHEMA_NAME IN ('shop','blog')\"").strip());

    step("a real backup to the backup space, then its snapshots");
    gardien("backup", "run", web.name(), "--repo", repo.toString(), "--identity", web.rootKey().toString());
    gardien("backup", "snapshots", web.name(), "--repo", repo.toString(), "--identity", web.rootKey().toString());

    step("someone logs in as root on the console: the alert lands in the local mailbox");
    int before = mailbox.getReceivedMessages().length;
    web.exec("(for i in $(seq 20); do sleep 1; echo exit; done) | timeout 60 script -qc 'login -f root' /dev/null");
    MimeMessage mail = awaitMail(mailbox, before);
    say("To: %s%nSubject: %s%n%s", mail.getAllRecipients()[0], mail.getSubject(),
        GreenMailUtil.getBody(mail).strip().indent(4).stripTrailing());

    step("the customer's credentials: a one-time link, opened once in a browser, refused the second time");
    credentialsLink();

    step("gardien plan again: nothing left to change");
    gardien("plan", repo.toString(), "--identity", web.rootKey().toString());

    step("the monthly maintenance, run now (the daemon runs it in the manifest's window): ten operations");
    gardien(List.of(0, 5), "maintain", web.name(), "--repo", repo.toString(), "--identity", web.rootKey().toString());

    step("this month's report for the customer, from the state database alone (no SSH): a PDF");
    monthlyReport();
  }

  /**
   * Writes this month's report of the web server, says what pdfinfo and pdftotext read in it, and
   * copies it to {@code $GARDIEN_DEMO_REPORT} when that names a file.
   */
  private void monthlyReport() throws Exception {
    Path reports = Files.createDirectories(home.resolve("reports"));
    String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
    gardien("report", web.name(), "--repo", repo.toString(), "--month", month, "--out", reports.toString());
    Path pdf = reports.resolve(web.name() + "-" + month + ".pdf");
    say("%s: %s", pdf.getFileName(), local("pdfinfo " + pdf + " | grep -E '^(Title|Pages|PDF version):'"
        + " | tr -s ' ' | paste -sd ';' -"));
    say("its summary, as pdftotext reads it:%n%s", local("pdftotext -layout -l 2 " + pdf + " - | grep -v '^\\s*$'"
        + " | head -40").indent(2).stripTrailing());
    String copy = System.getenv("GARDIEN_DEMO_REPORT");
    if (copy != null && !copy.isBlank()) {
      Files.copy(pdf, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      say("copied to %s", copy);
    }
  }

  /** Runs {@code script} on this machine (the outside of the servers) and returns its output. */
  private static String local(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    return output;
  }

  /** Shares the link, serves it, opens it in headless Chromium twice. */
  private void credentialsLink() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Thread serve = new Thread(() -> Main.run(Guice.createInjector(new CliWiring(home)),
        "credentials", "serve", "--listen", "127.0.0.1:" + port), "demo-link-server");
    serve.setDaemon(true);
    serve.start();
    try {
      awaitListening(port);
      String url = gardien("credentials", "share", web.name(), "--base-url", "http://127.0.0.1:" + port).strip();
      String reveal = "document.getElementById('reveal').click()";
      String ready = "document.readyState === 'complete' && !document.getElementById('intro').hidden ? 'ready' : ''";
      try (HeadlessChromium browser = HeadlessChromium.open(url)) {
        browser.waitFor(ready, "ready"::equals, Duration.ofSeconds(30));
        browser.eval(reveal);
        String shown = browser.waitFor("document.getElementById('result').hidden ? '' : Array.from("
            + "document.querySelectorAll('code.value'), e => e.dataset.name + ' (' + e.textContent.length + ' characters)')"
            + ".join(', ')", v -> !v.isEmpty(), Duration.ofSeconds(30));
        say("first visit, Chromium shows: %s (values hidden here)", shown);
      }
      try (HeadlessChromium again = HeadlessChromium.open(url)) {
        again.waitFor(ready, "ready"::equals, Duration.ofSeconds(30));
        again.eval(reveal);
        say("second visit: %s", again.waitFor("document.getElementById('status').textContent",
            v -> v.contains("already viewed"), Duration.ofSeconds(30)).strip());
      }
    } finally {
      serve.interrupt();
    }
  }

  /** The standard offer for the web server, its backup space, the local CA and mail relay. */
  private void writeRepo(Path examples, TestHost space, Pebble pebble, int smtpPort) throws IOException {
    new StandardOfferRepo(examples, smtpPort, space, SPACE_USER, pebble.directory(), "demo.test")
        .write(repo, web, "hostKey: " + web.hostPublicKey(), """
            - name: shop
              domains: [shop.demo.test]
            - name: blog
              domains: [blog.demo.test]
              tls: {mode: provided, certificate: blog-cert, key: blog-key}
            """);
  }

  /** Runs {@code gardien ARGS} as bin/gardien would, printing the command and its output; must exit 0. */
  private String gardien(String... args) {
    return gardien(List.of(0), args);
  }

  private String gardien(List<Integer> accepted, String... args) {
    out.println("$ gardien " + String.join(" ", args).replace(home.toString(), "$GARDIEN_HOME"));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
    int code = Main.run(Guice.createInjector(Modules.override(new CliWiring(home))
        .with(b -> b.bind(Printer.class).toInstance(new Printer(po, pe)))), args);
    String printed = o.toString(StandardCharsets.UTF_8);
    String progress = e.toString(StandardCharsets.UTF_8);
    if (!progress.isBlank()) {
      out.println(progress.stripTrailing().indent(2).stripTrailing());
    }
    if (!printed.isBlank()) {
      out.println(printed.stripTrailing().indent(2).stripTrailing());
    }
    out.printf("  (exit %d)%n", code);
    if (!accepted.contains(code)) {
      throw new IllegalStateException("gardien " + args[0] + " exited " + code);
    }
    return printed;
  }

  private static GreenMail mailbox(String address) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(port, address, ServerSetup.PROTOCOL_SMTP));
    mail.start();
    return mail;
  }

  private static MimeMessage awaitMail(GreenMail mailbox, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      MimeMessage[] all = mailbox.getReceivedMessages();
      if (all.length > count) {
        return all[count];
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no alert mail arrived within 30 s");
  }

  /** The ports of {@code ports} that accept a TCP connection, probed in parallel (1 s each). */
  private static List<Integer> openPorts(String address, List<Integer> ports) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ports.size());
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int port : ports) {
        answers.add(pool.submit(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 1000);
            return true;
          } catch (IOException closed) {
            return false;
          }
        }));
      }
      List<Integer> open = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        if (answers.get(i).get()) {
          open.add(ports.get(i));
        }
      }
      return open;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the link server did not start");
  }

  private void step(String title) {
    out.printf("%n==> [%d s] %d. %s%n", seconds(), ++step, title);
  }

  private void say(String format, Object... args) {
    out.println(("  " + format.formatted(args)).replace("\n", "\n  "));
  }

  private long seconds() {
    return (System.nanoTime() - start) / 1_000_000_000;
  }
}
