package com.conobium.gardien.bench;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.modules.BuiltinResourceModules;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.FactsCache;
import com.conobium.gardien.reconciler.engine.HostConnector;
import com.conobium.gardien.reconciler.engine.ModuleGraph;
import com.conobium.gardien.reconciler.engine.ReplayHost;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.engine.TransientRetry;
import com.conobium.gardien.reconciler.ssh.HostKeys;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.engine.Targets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.ssh.SshConnections;
import com.conobium.gardien.reconciler.ssh.SshEndpoint;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.conobium.gardien.testhosts.CacheDir;
import com.conobium.gardien.testhosts.TestHost;
import com.conobium.gardien.testhosts.TestHosts;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Prints how long Gardien takes to know that a converged server needs nothing (a no-op plan, one
 * round trip), on a real Debian 13 server with a warm and a cold connection, and what planning
 * costs the controller for many servers (probe output replayed, so only Gardien's own work
 * counts).
 */
public final class PlanBenchmark {
  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    ModuleGraph graph = new ModuleGraph(Guice.createInjector(new BuiltinResourceModules())
        .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {})));
    try (TestHosts hosts = TestHosts.start(CacheDir.fromEnvironment())) {
      TestHost host = hosts.boot();
      System.out.printf("test host %s booted in %d ms%n", host.name(), host.bootTime().toMillis());
      Target target = target(host, "bench");
      RecordingConnector connector = new RecordingConnector(host);
      try {
        ServerOutcome applied = reconciler(graph, connector).apply(target, ApplyListener.NONE);
        System.out.printf("converged from bare in %d ms (%s)%n", applied.duration().toMillis(),
            applied.hasFailures() ? "FAILED: " + applied : "ok");

        Reconciler warm = reconciler(graph, connector);
        warm.plan(target);
        long[] warmTimes = new long[30];
        int trips = 0;
        for (int i = 0; i < warmTimes.length; i++) {
          ServerOutcome o = warm.plan(target);
          warmTimes[i] = o.duration().toNanos();
          trips = o.roundTrips();
          if (o.hasDrift() || o.hasFailures()) {
            throw new IllegalStateException("not converged: " + o);
          }
        }
        print("no-op plan, warm connection", warmTimes, trips);

        long[] coldTimes = new long[8];
        for (int i = 0; i < coldTimes.length; i++) {
          RecordingConnector fresh = new RecordingConnector(host);
          try {
            coldTimes[i] = reconciler(graph, fresh).plan(target).duration().toNanos();
          } finally {
            fresh.close();
          }
        }
        print("no-op plan, cold connection (connect, key exchange, auth, probe)", coldTimes, trips);

        for (int n : new int[] {100, 1_000}) {
          simulate(graph, host, connector.lastProbeOutput, n);
        }
      } finally {
        connector.close();
      }
    }
  }

  private static void simulate(ModuleGraph graph, TestHost host, String recorded, int n) throws Exception {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      targets.add(target(host, "sim" + i));
    }
    HostConnector replay = t -> new ReplayHost(recorded);
    Reconciler reconciler = new Reconciler(graph, replay, new FactsCache(Duration.ofMinutes(5)),
        new TransientRetry(1, Duration.ofMillis(1), e -> false), Duration.ofMinutes(1), new SecureRandom());
    for (Target t : targets.subList(0, Math.min(50, n))) {
      reconciler.plan(t); // warm-up
    }
    System.gc();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    for (Target t : targets) {
      ServerOutcome o = reconciler.plan(t);
      if (o.hasFailures()) {
        throw new IllegalStateException(o.toString());
      }
    }
    long took = System.nanoTime() - start;
    System.out.printf("planning %,d simulated servers on the controller: %,d ms in all, %,d µs per server, "
        + "heap +%,d KiB with their plans cached%n", n, took / 1_000_000, took / 1_000 / n,
        (usedHeap() - heapBefore) / 1024);
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static void print(String what, long[] nanos, int roundTrips) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("%s: median %.1f ms, p90 %.1f ms, min %.1f ms over %d runs; %d round trip(s)%n",
        what, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[0] / 1e6,
        sorted.length, roundTrips);
  }

  private static Reconciler reconciler(ModuleGraph graph, HostConnector connector) {
    return new Reconciler(graph, connector, new FactsCache(Duration.ofMillis(1)),
        new TransientRetry(3, Duration.ofMillis(200), e -> e instanceof SshException s && s.isTransient()),
        Duration.ofMinutes(10), new SecureRandom());
  }

  private static Target target(TestHost host, String name) throws Exception {
    Path repo = Files.createTempDirectory("gardien-bench");
    Files.writeString(repo.resolve("fleet.yaml"),
        "apiVersion: gardien.conobium.com/v1\nkind: Fleet\nmetadata: {name: bench}\nspec: {}\n");
    Files.writeString(repo.resolve("profile.yaml"), "apiVersion: gardien.conobium.com/v1\nkind: Profile\n"
        + "metadata: {name: p}\nspec:\n  packages: {install: [tree]}\n"
        + "  ssh: {permitRootLogin: true}\n  alerts: {rootLogin: {enabled: false}}\n"
        + "  web: {enabled: false}\n  database: {enabled: false}\n  backup: {enabled: false}\n"
        + "  prerequisites: {separatePartitions: [], swapEqualsRam: false}\n");
    Files.writeString(repo.resolve("server.yaml"), "apiVersion: gardien.conobium.com/v1\nkind: Server\n"
        + "metadata: {name: " + name + "}\nspec:\n  profile: p\n  connection:\n    address: " + host.address()
        + "\n    user: root\n    hostKey: " + host.hostPublicKey() + "\n");
    ConfigRepo loaded = new ConfigRepoLoader().load(repo);
    Server server = loaded.servers().get(0);
    String harnessKey = Files.readString(host.rootKey().resolveSibling(host.rootKey().getFileName() + ".pub"));
    Targets targets = new Targets(new SecretStore(Files.createTempDirectory("gardien-bench-home"),
        new SecureRandom(), Clock.systemUTC()), List.of(harnessKey.strip()));
    return targets.of(server, loaded.fleet());
  }

  /** Connects over SSH and keeps the last probe output, to replay it for simulated servers. */
  private static final class RecordingConnector implements HostConnector, AutoCloseable {
    private final SshConnections connections;
    private final TestHost host;
    volatile String lastProbeOutput;

    RecordingConnector(TestHost host) {
      this.host = host;
      this.connections = new SshConnections(host.rootKey(), new HostKeys(Path.of("/dev/null"), false),
          Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Override
    public RemoteHost connect(Target target) {
      RemoteHost real = connections.host(target.server().name(),
          new SshEndpoint(host.address(), 22, "root", java.util.List.of(host.hostPublicKey())));
      return ReplayHost.recording(real, output -> lastProbeOutput = output);
    }

    @Override
    public void close() {
      connections.close();
    }
  }
}
