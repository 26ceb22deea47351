package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.testhosts.CacheDir;
import com.conobium.gardien.testhosts.HostOptions;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.conobium.gardien.reconciler.state.Lease;
import com.conobium.gardien.reconciler.state.LocalPostgres;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Sizing of several replicas (bench/run-fleet, docs/scaling.md): for each fleet size and replica
 * count, {@code gardien run} replicas (each its own process from the built jar, on one real
 * PostgreSQL) watch that many simulated servers in detect mode with a 1-s drift interval, so they
 * re-check as fast as they can. The simulated servers are twins of a real Debian 13 test server
 * converged first to the standard offer (less what names a server: sites, backups, the root-login
 * alert): same manifest but for name
 * and address, same secrets ({@link SecretStore#replaceAll}), and the probe answered with that
 * server's own output ({@link SimulatedFleet}), so a re-check is a true no-op. It prints the first sweep (every
 * server connected to and planned once), then over a steady window the no-op drift sweep time of
 * the whole fleet (servers ÷ re-checks per second), the controller CPU per server re-check (the
 * replicas' own CPU time, from /proc), each replica's live heap (after a full GC) and RSS, and with
 * several replicas the take-over of a replica killed with SIGKILL. Figures are printed, never
 * asserted. The simulated servers' SSH server and PostgreSQL run on the same machine.
 */
public final class FleetBenchmark {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private final PrintStream out = System.out;
  private final List<String> rows = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = ints(args.length > 0 ? args[0] : "1000,10000");
    List<Integer> replicas = ints(args.length > 1 ? args[1] : "1,3");
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    try {
      new FleetBenchmark().run(sizes, replicas, Duration.ofSeconds(window));
      System.exit(0);
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static List<Integer> ints(String list) {
    return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }

  private void run(List<Integer> sizes, List<Integer> replicaCounts, Duration window) throws Exception {
    Path work = Files.createTempDirectory("gardien-fleet-bench");
    KeyPair identity = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    Path key = work.resolve("id_ed25519");
    try (OutputStream o = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(identity, null, null, o);
    }
    out.printf("fleet benchmark: %d cores, %d MB of memory; replicas run with -Xmx2g%n",
        Runtime.getRuntime().availableProcessors(), memoryMb());
    try (TestHosts hosts = TestHosts.start(CacheDir.fromEnvironment());
        LocalPostgres postgres = LocalPostgres.start()) {
      TestHost host = hosts.boot(HostOptions.defaults().withWebStack());
      host.check("echo '" + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(identity.getPublic())
          + "' >> /root/.ssh/authorized_keys");
      Path template = work.resolve("template");
      Path templateHome = Files.createDirectories(work.resolve("template-home"));
      writeRepo(template, List.of(new Twin(TEMPLATE, host.address(), host.hostPublicKey())));
      long converging = System.nanoTime();
      gardien(templateHome, "apply", template.toString(), "--identity", key.toString());
      out.printf("test server %s converged to the standard offer in %.0f s%n", host.name(),
          (System.nanoTime() - converging) / 1e9);
      gardien(templateHome, "plan", template.toString(), "--identity", key.toString());
      Map<String, Map<String, Secret>> secrets = new java.util.HashMap<>();
      StateAccess templateState = StateAccess.of(templateHome, Map.of());
      try {
        SecretStore store = new SecretStoreFactory().create(templateHome, templateState);
        secrets.put(TEMPLATE, store.all(TEMPLATE));
        secrets.put(SecretStore.FLEET, store.all(SecretStore.FLEET));
      } finally {
        templateState.close();
      }
      try (SshConnections upstream = new SshConnections(key, new HostKeys(work.resolve("known_hosts"), false),
          Duration.ofSeconds(10), Duration.ofSeconds(10));
          SimulatedFleet fleet = new SimulatedFleet(script -> probe(upstream, host, script), identity.getPublic(),
              SSH_PORT)) {
        for (int size : sizes) {
          measureSize(size, replicaCounts, work, key, postgres, fleet, secrets, window);
        }
      }
    }
    out.printf("%n| servers | replicas | first sweep | no-op drift sweep | re-checks/s | controller CPU per re-check"
        + " | live heap per replica | RSS per replica | take-over after SIGKILL |%n");
    out.println("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(out::println);
  }

  private static final String TEMPLATE = "template";
  /** The standard offer's SSH port: the simulated servers' SSH server listens on it too. */
  private static final int SSH_PORT = 2222;

  /** A server of the benchmark's repository. */
  private record Twin(String name, String address, String hostKey) {}

  private static String probe(SshConnections upstream, TestHost host, String script) {
    try {
      return upstream.open(TEMPLATE, new SshEndpoint(host.address(), SSH_PORT, "gardien",
          List.of(host.hostPublicKey()))).exec(script, null, Duration.ofSeconds(60)).stdout();
    } catch (Exception e) {
      throw new IllegalStateException("the template server's probe: " + e.getMessage(), e);
    }
  }

  private static void gardien(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("reconciler/target/gardien.jar").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("GARDIEN_HOME", home.toString());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("gardien " + String.join(" ", args) + " exited " + p.exitValue() + ":\n"
          + output);
    }
  }

  private void measureSize(int size, List<Integer> replicaCounts, Path work, Path key, LocalPostgres postgres,
      SimulatedFleet fleet, Map<String, Map<String, Secret>> secrets, Duration window) throws Exception {
    Path repo = work.resolve("repo-" + size);
    List<Twin> twins = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      twins.add(new Twin(String.format("sim%05d", i),
          "127." + (1 + i / 62500) + "." + (i / 250 % 250) + "." + (1 + i % 250), fleet.hostKey()));
    }
    writeRepo(repo, twins);
    BareConfigRepo config = BareConfigRepo.create(work.resolve("config-" + size + ".git"));
    config.publish(repo, size + " simulated servers");
    for (int n : replicaCounts) {
      StateLocation location = postgres.newDatabase("fleet_" + size + "_" + n);
      seed(location, work.resolve(size + "-" + n), twins, secrets);
      measure(size, n, config, location, key, work.resolve(size + "-" + n), fleet, window);
    }
  }

  /** Every twin gets the template server's secrets, and the Fleet its own: what they set stays the same. */
  private static void seed(StateLocation location, Path dir, List<Twin> twins, Map<String, Map<String, Secret>> secrets)
      throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Map<String, String> env = Map.of(StateLocation.URL_ENV, location.url(), StateLocation.USER_ENV, location.user(),
        StateLocation.PASSWORD_ENV, location.password());
    StateAccess state = StateAccess.of(home, env);
    try {
      SecretStore store = new SecretStoreFactory().create(home, state);
      store.replaceAll(SecretStore.FLEET, secrets.get(SecretStore.FLEET));
      for (Twin twin : twins) {
        store.replaceAll(twin.name(), secrets.get(TEMPLATE));
      }
    } finally {
      state.close();
    }
  }

  /**
   * examples/fleet's Fleet and standard-web profile; each server with no site (a domain is one
   * server's, and it is in the site's files), no backup space (its repository path names the
   * server) and no root-login alert (its script names the server): what is left is the same on
   * every server.
   */
  private static void writeRepo(Path repo, List<Twin> servers) throws Exception {
    Files.createDirectories(repo.resolve("servers"));
    Files.createDirectories(repo.resolve("profiles"));
    Files.copy(Path.of("examples/fleet/fleet.yaml"), repo.resolve("fleet.yaml"));
    Files.copy(Path.of("examples/fleet/profiles/standard-web.yaml"), repo.resolve("profiles/standard-web.yaml"));
    for (Twin twin : servers) {
      Files.writeString(repo.resolve("servers/" + twin.name() + ".yaml"), """
          apiVersion: gardien.conobium.com/v1
          kind: Server
          metadata:
            name: %s
            labels: {customer: bench}
          spec:
            profile: standard-web
            connection:
              address: %s
              hostKey: %s
            backup: {enabled: false}
            prerequisites: {separatePartitions: [], swapEqualsRam: false}   # a container has neither
            alerts: {rootLogin: {enabled: false}}   # its script names the server
          """.formatted(twin.name(), twin.address(), twin.hostKey()));
    }
  }

  private void measure(int size, int n, BareConfigRepo config, StateLocation location, Path key, Path dir,
      SimulatedFleet fleet, Duration window) throws Exception {
    Files.createDirectories(dir);
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of(StateLocation.URL_ENV, location.url(), StateLocation.USER_ENV, location.user(),
        StateLocation.PASSWORD_ENV, location.password());
    out.printf("%n%d servers, %d replica(s):%n", size, n);
    List<Process> replicas = new ArrayList<>();
    try (StateDatabase db = StateDatabase.open(location)) {
      long start = System.nanoTime();
      for (int r = 1; r <= n; r++) {
        replicas.add(start(config, key, dir, home, env, n, "r" + r));
      }
      long probesBefore = fleet.probes();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5 + size / 100);
      while (count(db, "SELECT COUNT(DISTINCT server) FROM run_history") < size) {
        alive(replicas, dir);
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the first sweep did not end: see the replicas' logs in " + dir);
        }
        Thread.sleep(1000);
      }
      double firstSweep = (System.nanoTime() - start) / 1e9;
      out.printf("  first sweep: every server connected to and planned once after %.1f s (%d probes answered)%n",
          firstSweep, fleet.probes() - probesBefore);
      long inSync = count(db, "SELECT COUNT(*) FROM run_history WHERE result = 'in_sync'");
      long all = count(db, "SELECT COUNT(*) FROM run_history");
      out.printf("  %d of %d runs found the server in sync%s%n", inSync, all,
          inSync == all ? "" : " (the others: see the replicas' logs in " + dir + ")");

      long runs0 = count(db, "SELECT COUNT(*) FROM run_history");
      double cpu0 = cpu(replicas);
      long t0 = System.nanoTime();
      Thread.sleep(window.toMillis());
      long runs = count(db, "SELECT COUNT(*) FROM run_history") - runs0;
      double cpu = cpu(replicas) - cpu0;
      double seconds = (System.nanoTime() - t0) / 1e9;
      double rate = runs / seconds;
      out.printf("  steady window %.0f s: %d re-checks, %.1f/s; replicas' CPU %.1f s (%.1f ms per re-check)%n",
          seconds, runs, rate, cpu, cpu * 1000 / runs);
      List<String> heaps = new ArrayList<>();
      List<String> rss = new ArrayList<>();
      for (Process p : replicas) {
        heaps.add(liveHeapMb(p.pid()) + " MB");
        rss.add(rssMb(p.pid()) + " MB");
      }
      out.printf("  live heap %s; RSS %s%n", heaps, rss);

      String takeover = "—";
      if (n > 1) {
        Process victim = replicas.get(0);
        Set<String> live = java.util.stream.IntStream.rangeClosed(2, n).mapToObj(i -> "r" + i)
            .collect(Collectors.toSet());
        long orphaned = db.leases().leases().stream().filter(l -> l.owner().equals("r1")).count();
        long killed = System.nanoTime();
        victim.destroyForcibly();
        victim.waitFor(10, TimeUnit.SECONDS);
        while (owned(db, live) < size) {
          Thread.sleep(100);
        }
        double took = (System.nanoTime() - killed) / 1e9;
        takeover = String.format("%.1f s (%d servers, lease %d s)", took, orphaned, LEASE.toSeconds());
        out.printf("  r1 killed with SIGKILL: its %d servers owned by the others %.1f s later (bound %d s)%n",
            orphaned, took, LEASE.plus(LEASE.dividedBy(3)).toSeconds());
      }
      rows.add(String.format("| %,d | %d | %.0f s | %.0f s | %.1f | %.1f ms | %s | %s | %s |", size, n, firstSweep,
          size / rate, rate, cpu * 1000 / runs, String.join(", ", heaps), String.join(", ", rss), takeover));
    } finally {
      for (Process p : replicas) {
        p.destroy();
      }
      for (Process p : replicas) {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static Process start(BareConfigRepo config, Path key, Path dir, Path home, Map<String, String> env, int n,
      String id) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-jar", Path.of("reconciler/target/gardien.jar").toString(), "run", config.bare.toString(),
        "--listen", "127.0.0.1:" + port, "--poll", "600s", "--drift-interval", "1s", "--retry-interval", "30s",
        "--mode", "detect", "--identity", key.toString(), "--state-dir", dir.resolve("state-" + id).toString(),
        "--shutdown-grace", "10s"));
    if (n > 1) {
      command.addAll(List.of("--lease", LEASE.toSeconds() + "s", "--replica-id", id));
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("replica-" + id + ".log").toFile());
    pb.environment().put("GARDIEN_HOME", home.toString());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void alive(List<Process> replicas, Path dir) {
    for (Process p : replicas) {
      if (!p.isAlive()) {
        throw new IllegalStateException("a replica exited (" + p.exitValue() + "): see the logs in " + dir);
      }
    }
  }

  private static long count(StateDatabase db, String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long owned(StateDatabase db, Set<String> live) {
    Instant now = Instant.now();
    return db.leases().leases().stream()
        .filter(l -> live.contains(l.owner()) && l.expires().isAfter(now) && !l.server().startsWith("~"))
        .map(Lease::server).distinct().count();
  }

  /** The CPU time (user + system) of the processes, in seconds, from /proc. */
  private static double cpu(List<Process> processes) throws Exception {
    double total = 0;
    for (Process p : processes) {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: USER_HZ ticks
    }
    return total;
  }

  private static long rssMb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  /** The heap in use right after a full GC (jcmd GC.run, then GC.heap_info): what the replica keeps. */
  private static long liveHeapMb(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
    Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info").redirectErrorStream(true)
        .start();
    String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m = USED.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
  }

  private static long memoryMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
