package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.modules.BuiltinResourceModules;
import com.conobium.gardien.modules.spi.ProbeShell;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.FactsCache;
import com.conobium.gardien.reconciler.engine.HostConnector;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.engine.TransientRetry;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.testhosts.CacheDir;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Where the time of a no-op check of a converged standard server goes (bench/run-breakdown):
 * converges the standard offer (two sites with provided certificates, a remote backup space) on a
 * throwaway Debian 13 server, then prints the first converge of a stock server against its apt
 * floor (a twin installing the same packages with apt alone), and, min and median over several
 * runs, each phase of a whole {@code bin/gardien plan} process (its {@code GARDIEN_TIMINGS}
 * lines), each module's share of the probe (its probe run alone on a warm connection, less an
 * empty command's round trip), and a warm daemon's re-check (a plan on a live connection).
 * Figures are printed, never asserted.
 */
public final class PlanBreakdown {
  private static final String SPACE_USER = "gardienbk";
  private final PrintStream out = System.out;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    try {
      new PlanBreakdown().run(Path.of("examples/fleet"), runs);
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private void run(Path examples, int runs) throws Exception {
    Path work = Files.createTempDirectory("gardien-breakdown");
    Path home = Files.createDirectories(work.resolve("home"));
    Path repo = Files.createDirectories(work.resolve("repo"));
    try (TestHosts hosts = TestHosts.start(CacheDir.fromEnvironment())) {
      TestHost web = hosts.boot(HostOptions.defaults().withWebStack());
      TestHost space = hosts.boot();
      out.printf("test hosts %s (web) and %s (backup space) booted%n", web.name(), space.name());
      new StandardOfferRepo(examples, 25, space, SPACE_USER, "https://127.0.0.1:14000/dir", "bench.test")
          .write(repo, web, "hostKey: " + web.hostPublicKey(), SITES);
      String key = gardien(home, "backup", "key", web.name(), "--repo", repo.toString()).strip();
      space.check("useradd --create-home --shell /bin/sh " + SPACE_USER + " && install -d -m 700 -o " + SPACE_USER
          + " -g " + SPACE_USER + " /home/" + SPACE_USER + "/.ssh && echo '" + key + "' > /home/" + SPACE_USER
          + "/.ssh/authorized_keys && chown " + SPACE_USER + ": /home/" + SPACE_USER + "/.ssh/authorized_keys");
      providedCertificates(home, web, work.resolve("pem"));
      web.awaitStartup();
      long started = System.nanoTime();
      gardien(home, "apply", repo.toString(), "--identity", web.rootKey().toString());
      out.printf("first converge from a stock server (web stack packages already in the image): %.1f s%n",
          (System.nanoTime() - started) / 1e9);

      if (hold(home, repo, web)) {
        return;
      }
      double firstConverge = aptFloor(hosts, examples, space, work);
      List<Long> plans = wholeProcess(home, repo, web, runs);
      List<Long> applies = noOpApplies(home, repo, web, Math.max(1, runs / 2));
      probeShares(home, repo, web, runs);
      List<Long> rechecks = warmDaemon(home, repo, web, runs * 3);
      Optional<String> ansible = AnsibleSideBySide.installed();
      if (ansible.isEmpty()) {
        out.printf("%nansible-playbook is not installed here (Debian's package: ansible): no side-by-side figures%n");
      } else {
        out.printf("%n%s: the same offer (bench/ansible/standard-web.yml) on a stock server of its own:%n", ansible.get());
        AnsibleSideBySide.Figures a = new AnsibleSideBySide(Path.of("bench/ansible"), out).measure(hosts, ansible.get(), work, runs);
        sideBySide(firstConverge, plans, applies, rechecks, a);
      }
    }
  }

  /**
   * The first converge of a stock server with nothing of the offer installed, against its apt
   * floor: a twin server installing, with apt alone, exactly the packages that converge installed.
   */
  private double aptFloor(TestHosts hosts, Path examples, TestHost space, Path work) throws Exception {
    TestHost bare = hosts.boot();
    TestHost twin = hosts.boot();
    Path home = Files.createDirectories(work.resolve("bare-home"));
    Path repo = Files.createDirectories(work.resolve("bare-repo"));
    new StandardOfferRepo(examples, 25, space, SPACE_USER, "https://127.0.0.1:14000/dir", "bench.test")
        .write(repo, bare, "hostKey: " + bare.hostPublicKey(), SITES);
    String key = gardien(home, "backup", "key", bare.name(), "--repo", repo.toString()).strip();
    space.check("echo '" + key + "' >> /home/" + SPACE_USER + "/.ssh/authorized_keys");
    providedCertificates(home, bare, work.resolve("bare-pem"));
    String list = "dpkg-query -W -f '${Package}\\n' | sort";
    List<String> before = bare.check(list).lines().toList();
    bare.awaitStartup();
    twin.awaitStartup();
    long started = System.nanoTime();
    String applied = gardien(home, "apply", repo.toString(), "--identity", bare.rootKey().toString());
    double converge = (System.nanoTime() - started) / 1e9;
    java.util.regex.Matcher trips = java.util.regex.Pattern.compile("(\\d+) round trip\\(s\\)").matcher(applied);
    List<String> installed = bare.check(list).lines().filter(p -> !before.contains(p)).toList();
    started = System.nanoTime();
    twin.check("export DEBIAN_FRONTEND=noninteractive; apt-get -q update >/dev/null && apt-get -q -y"
        + " --no-install-recommends install " + String.join(" ", installed) + " >/dev/null");
    double floor = (System.nanoTime() - started) / 1e9;
    out.printf("first converge of a stock server (the offer's packages from apt): %.1f s; its apt floor (apt-get update"
        + " and install of the %d packages it installed, on a twin server): %.1f s; Gardien's own share %.1f s;"
        + " %s remote commands%n", converge, installed.size(), floor, converge - floor, trips.find() ? trips.group(1) : "?");
    return converge;
  }

  /** README's table: Gardien's and Ansible's figures side by side, as markdown. */
  private void sideBySide(double firstConverge, List<Long> plans, List<Long> applies, List<Long> rechecks,
      AnsibleSideBySide.Figures a) {
    out.printf("%n| measure (%s, medians) | Gardien | %s | Ansible / Gardien |%n|---|---|---|---|%n",
        "this machine", a.version().replaceAll(".*\\[core ([^\\]]+)\\].*", "Ansible core $1"));
    out.printf("| first converge of a stock server | %.1f s | %.1f s | %.1f× |%n", firstConverge, a.firstConverge() / 1e9,
        a.firstConverge() / 1e9 / firstConverge);
    out.printf("| no-op check (`gardien plan` / `--check --diff`), whole process, %d runs | %.2f s | %.1f s | %.0f× |%n",
        plans.size(), median(plans) / 1e3, median(a.noOpChecks()) / 1e3, median(a.noOpChecks()) / median(plans));
    out.printf("| no-op apply, whole process | %.2f s | %.1f s | %.0f× |%n", median(applies) / 1e3,
        median(a.noOpApplies()) / 1e3, median(a.noOpApplies()) / median(applies));
    out.printf("| a warm daemon's re-check | %.2f s | — | %.0f× the no-op check |%n", median(rechecks) / 1e3,
        median(a.noOpChecks()) / median(rechecks));
  }

  /** Whole {@code bin/gardien apply} processes of the converged server: each must change nothing. */
  private List<Long> noOpApplies(Path home, Path repo, TestHost web, int runs) throws Exception {
    List<Long> walls = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ProcessBuilder pb = new ProcessBuilder("bin/gardien", "apply", repo.toString(), "--identity",
          web.rootKey().toString(), "--output", "json");
      pb.environment().put("GARDIEN_HOME", home.toString());
      long started = System.nanoTime();
      Process p = pb.start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      walls.add(System.nanoTime() - started);
      if (status != 0 || stdout.contains("\"action\"")) {
        throw new IllegalStateException("not a no-op apply (exit " + status + "):\n" + stdout + stderr);
      }
    }
    out.printf("%nno-op `gardien apply` of the converged standard server, whole process, %d runs: min %.1f ms, median %.1f ms%n",
        runs, min(walls), median(walls));
    return walls;
  }

  private static final String SITES = """
      - name: shop
        domains: [shop.bench.test]
        tls: {mode: provided, certificate: shop-cert, key: shop-key}
      - name: blog
        domains: [blog.bench.test]
        tls: {mode: provided, certificate: blog-cert, key: blog-key}
      """;

  /** Self-signed certificates for the two sites, in {@code home}'s secret store. */
  private static void providedCertificates(Path home, TestHost web, Path pem) throws Exception {
    Files.createDirectories(pem);
    for (String site : List.of("shop", "blog")) {
      TestCertificate c = TestCertificate.selfSigned(site + ".bench.test");
      Files.writeString(pem.resolve(site + ".crt"), c.certificatePem());
      Files.writeString(pem.resolve(site + ".key"), c.keyPem());
      gardien(home, "secrets", "put", web.name(), site + "-cert", "--file", pem.resolve(site + ".crt").toString());
      gardien(home, "secrets", "put", web.name(), site + "-key", "--file", pem.resolve(site + ".key").toString());
    }
  }

  /** {@code bin/gardien plan} as a user runs it, each phase from its GARDIEN_TIMINGS lines. */
  private List<Long> wholeProcess(Path home, Path repo, TestHost web, int runs) throws Exception {
    Map<String, List<Long>> phases = new LinkedHashMap<>();
    List<Long> walls = new ArrayList<>();
    for (int i = 0; i <= runs; i++) {
      ProcessBuilder pb = new ProcessBuilder("bin/gardien", "plan", repo.toString(), "--identity",
          web.rootKey().toString());
      pb.environment().put("GARDIEN_HOME", home.toString());
      pb.environment().put(Timings.ENV, "1");
      long started = System.nanoTime();
      Process p = pb.start();
      byte[] stdout = p.getInputStream().readAllBytes();
      String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      long wall = System.nanoTime() - started;
      if (status != 0) {
        throw new IllegalStateException("gardien plan exited " + status + ":\n"
            + new String(stdout, StandardCharsets.UTF_8) + stderr);
      }
      if (i == 0) {
        continue; // the first run makes the class-data-sharing archive, once per jar
      }
      walls.add(wall);
      for (String line : stderr.lines().filter(l -> l.startsWith("timing: ")).toList()) {
        String text = line.substring("timing: ".length()).replace(web.name() + " ", "");
        int cut = text.lastIndexOf(' ', text.length() - 4);
        String name = text.substring(0, cut);
        long nanos = Math.round(Double.parseDouble(text.substring(cut + 1, text.length() - 3)) * 1e6);
        phases.computeIfAbsent(name, n -> new ArrayList<>()).add(nanos);
      }
    }
    out.printf("%nno-op `gardien plan` of the converged standard server, whole process, %d runs (ms):%n", runs);
    out.printf("  %-62s %8s %8s%n", "phase", "min", "median");
    phases.forEach((name, values) -> out.printf("  %-62s %8.1f %8.1f%n", name, min(values), median(values)));
    out.printf("  %-62s %8.1f %8.1f%n", "whole process (wall clock, as seen by the caller)", min(walls), median(walls));
    return walls;
  }

  /**
   * With {@code GARDIEN_BREAKDOWN_HOLD} naming a file, measures nothing: keeps the converged servers
   * up until that file exists, printing the plan command to try by hand meanwhile; returns whether
   * it held them.
   */
  private boolean hold(Path home, Path repo, TestHost web) throws InterruptedException {
    String release = System.getenv("GARDIEN_BREAKDOWN_HOLD");
    if (release == null || release.isBlank()) {
      return false;
    }
    out.printf("%nholding the servers until %s exists; meanwhile:%n  GARDIEN_HOME=%s GARDIEN_TIMINGS=1 bin/gardien plan %s"
        + " --identity %s%n", release, home, repo, web.rootKey());
    while (!Files.exists(Path.of(release))) {
      Thread.sleep(500);
    }
    return true;
  }

  /** Each module's probe alone on a warm connection, less an empty command's round trip. */
  private void probeShares(Path home, Path repo, TestHost web, int runs) throws Exception {
    ModuleGraph graph = new ModuleGraph(Guice.createInjector(new BuiltinResourceModules())
        .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {})));
    try (SshConnections connections = connections(web)) {
      Target target = target(home, repo, connections.publicKey());
      RemoteHost host = connections.open(web.name(), SshReconcilerFactory.endpoint(target));
      List<Long> empty = timed(runs * 2, () -> exec(host, "true"));
      out.printf("%nthe probe, module by module, on a warm connection (ms on the server: each probe alone, less an"
          + " empty command's round trip of %.1f ms):%n", median(empty));
      double sum = 0;
      StringBuilder all = new StringBuilder("export LC_ALL=C\n").append(ProbeShell.PRELUDE).append('\n');
      for (ResourceModule<?, ?> module : graph.ordered()) {
        String script = probe(module, target);
        all.append("(\n").append(script).append("\n) </dev/null >/dev/null\n");
        List<Long> times = timed(runs, () -> exec(host, "export LC_ALL=C\n" + ProbeShell.PRELUDE + "\n" + script));
        double share = Math.max(0, median(times) - median(empty));
        sum += share;
        out.printf("  %-14s %7.1f%n", module.name(), share);
      }
      List<Long> whole = timed(runs, () -> exec(host, all.toString()));
      out.printf("  %-14s %7.1f  (their sum)%n", "modules", sum);
      out.printf("  %-14s %7.1f  (all of them one after the other in one command, less the round trip; the engine"
          + " runs them side by side: its probe is the line above)%n", "in sequence", Math.max(0, median(whole) - median(empty)));
    }
  }

  /** What the daemon does every drift interval: a plan on its live connection. */
  private List<Long> warmDaemon(Path home, Path repo, TestHost web, int runs) throws Exception {
    ModuleGraph graph = new ModuleGraph(Guice.createInjector(new BuiltinResourceModules())
        .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {})));
    try (SshConnections connections = connections(web)) {
      Target target = target(home, repo, connections.publicKey());
      String[] probeOutput = new String[1];
      HostConnector connector = t -> com.conobium.gardien.reconciler.engine.ReplayHost.recording(
          connections.host(t.server().name(), SshReconcilerFactory.endpoint(t)), output -> probeOutput[0] = output);
      Reconciler reconciler = new Reconciler(graph, connector, new FactsCache(Duration.ofMillis(1)),
          new TransientRetry(1, Duration.ofMillis(1), e -> false), Duration.ofMinutes(5), new SecureRandom());
      reconciler.plan(target);
      List<Long> times = new ArrayList<>();
      int trips = 0;
      for (int i = 0; i < runs; i++) {
        Thread.sleep(20);
        ServerOutcome o = reconciler.plan(target);
        if (o.hasDrift() || o.hasFailures()) {
          throw new IllegalStateException("not a no-op: " + o);
        }
        trips = o.roundTrips();
        times.add(o.duration().toNanos());
      }
      out.printf("%na warm daemon's re-check of the server (a plan on its live connection), %d runs: min %.1f ms,"
          + " median %.1f ms, %d round trip(s)%n", runs, min(times), median(times), trips);
      String record = System.getenv("GARDIEN_RECORD_PROBE");
      if (record != null && !record.isBlank() && probeOutput[0] != null) {
        // bin/gardien's class-cache training plans from it; a password hash of a throwaway host is still a hash
        Files.createDirectories(Path.of(record).getParent());
        Files.writeString(Path.of(record), probeOutput[0].replaceAll("\\$[0-9a-z]+\\$[^\"\\s:]*", "!"));
        out.printf("the probe's output recorded in %s%n", record);
      }
      return times;
    }
  }

  private static SshConnections connections(TestHost web) {
    return new SshConnections(web.rootKey(), new HostKeys(Path.of("/dev/null"), false), Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  /** The server's target as the command line makes it: its secrets from the store, Gardien's key as the controller's. */
  private static Target target(Path home, Path repo, String controllerKey) throws Exception {
    ConfigRepo loaded = new ConfigRepoLoader().load(repo);
    SecretStore secrets = new SecretStoreFactory().create(home, StateAccess.of(home, Map.of()));
    return new Targets(secrets, List.of(controllerKey)).of(loaded.servers().get(0), loaded.fleet());
  }

  @SuppressWarnings("unchecked")
  private static <D> String probe(ResourceModule<D, ?> module, Target target) {
    return module.probe(module.desired(target));
  }

  private static long exec(RemoteHost host, String script) {
    try {
      long started = System.nanoTime();
      var result = host.exec(script, null, Duration.ofMinutes(2));
      if (result.exitStatus() != 0) {
        throw new IllegalStateException("exit " + result.exitStatus() + ": " + result.stderr());
      }
      return System.nanoTime() - started;
    } catch (com.conobium.gardien.reconciler.ssh.SshException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> timed(int runs, LongSupplier run) {
    run.getAsLong(); // warm-up
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      times.add(run.getAsLong());
    }
    return times;
  }

  private static double min(List<Long> nanos) {
    return nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6;
  }

  private static double median(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
  }

  /** Runs {@code gardien ARGS} in-process in {@code home}; must exit 0. */
  private static String gardien(Path home, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = Main.run(Guice.createInjector(com.google.inject.util.Modules.override(new CliWiring(home))
        .with(b -> b.bind(Printer.class).toInstance(new Printer(new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8))))), args);
    if (code != 0) {
      throw new IllegalStateException("gardien " + String.join(" ", args) + " exited " + code + ":\n" + o + e);
    }
    return o.toString(StandardCharsets.UTF_8);
  }
}
