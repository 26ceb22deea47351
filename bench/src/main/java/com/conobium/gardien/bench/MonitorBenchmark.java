package com.conobium.gardien.bench;

import com.conobium.gardien.model.ConnectionSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.MonitoringSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.model.SshSpec;
import com.conobium.gardien.model.WebSpec;
import com.conobium.gardien.reconciler.monitor.MonitorTask;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints what the monitoring costs the controller: {@code N} servers (1,000 by default) checked
 * every minute — an SSH banner, a site over HTTP and one over HTTPS each, 2 % of them hanging (every
 * port accepts and never answers, so each check waits its 10-s timeout) — by the daemon's
 * {@link MonitorTask} with its history in an embedded state database, on 32 workers as in the
 * daemon. The endpoints run in a process of their own ({@link LoopbackEndpoints}); this process's
 * CPU time and heap are the controller's. Run it with {@code -Xmx256m} to hold the heap target.
 *
 * <p>Arguments: {@code [servers] [minutes measured]} (defaults 1000 and 3; two more minutes warm up:
 * the JIT compiles the TLS code for a good minute).
 */
public final class MonitorBenchmark {
  private MonitorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Process endpoints = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), LoopbackEndpoints.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader ready = new BufferedReader(new InputStreamReader(endpoints.getInputStream(),
          StandardCharsets.UTF_8));
      if (!"READY".equals(ready.readLine())) {
        throw new IllegalStateException("the loopback endpoints did not start (ports 80, 443, 2222 of 127.0.0.1/2 free?)");
      }
      run(count, minutes);
    } finally {
      endpoints.destroy(); // the child this benchmark started, by its handle
      endpoints.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void run(int count, int minutes) throws Exception {
    Path dir = Files.createTempDirectory("gardien-monitor-bench");
    FleetSpec fleet = new FleetSpec(null, null, null, null, null, null, null);
    List<Server> servers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean hung = i % 50 == 0;
      servers.add(server("web" + i, hung ? "127.0.0.2" : "127.0.0.1"));
    }
    Duration interval = Duration.ofMinutes(1);
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(dir))) {
      MonitorTask task = new MonitorTask(new PrometheusRegistry(), db.monitorHistory(), f -> Optional.empty(),
          (server, f) -> {
            throw new IllegalStateException("no SSH in the benchmark");
          }, Clock.systemUTC());
      ExecutorService workers = Executors.newFixedThreadPool(32);
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      Set<String> inFlight = ConcurrentHashMap.newKeySet();
      AtomicLong rounds = new AtomicLong();
      AtomicLong skipped = new AtomicLong();
      for (int i = 0; i < servers.size(); i++) {
        Server server = servers.get(i);
        long offset = interval.toMillis() * i / servers.size(); // the fleet spread over one interval
        scheduler.scheduleAtFixedRate(() -> {
          if (!inFlight.add(server.name())) {
            skipped.incrementAndGet(); // the last round of this server has not ended: late
            return;
          }
          workers.submit(() -> {
            try {
              task.run(server, fleet);
              rounds.incrementAndGet();
            } finally {
              inFlight.remove(server.name());
            }
          });
        }, offset, interval.toMillis(), TimeUnit.MILLISECONDS);
      }
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.out.printf("%d servers (%d hanging), 3 checks each (and ping when possible), every %d s; warming up two minutes%n", count,
          servers.stream().filter(s -> s.spec().connection().address().equals("127.0.0.2")).count(),
          interval.toSeconds());
      Thread.sleep(2 * interval.toMillis());
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      long rounds0 = rounds.get();
      long peakHeap = 0;
      for (int m = 0; m < minutes; m++) {
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        long roundsStart = rounds.get();
        for (int s = 0; s < 60; s++) {
          Thread.sleep(1000);
          peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
        }
        System.out.printf("minute %d: %d rounds, controller CPU %.2f %% of one core, heap used %d MB%n", m + 1,
            rounds.get() - roundsStart, 100.0 * (os.getProcessCpuTime() - cpuStart) / (System.nanoTime() - wallStart),
            memory.getHeapMemoryUsage().getUsed() >> 20);
      }
      double cpu = 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
      scheduler.shutdownNow();
      workers.shutdown();
      workers.awaitTermination(30, TimeUnit.SECONDS);
      task.close();
      System.gc();
      System.out.printf("over %d minutes: %d rounds (%.0f a minute; %d expected), %d late, controller CPU %.2f %% of "
          + "one core (target < 5 %%), heap peak %d MB, after GC %d MB, max %d MB (target < 256 MB)%n", minutes,
          rounds.get() - rounds0, (rounds.get() - rounds0) / (double) minutes, count, skipped.get(), cpu,
          peakHeap >> 20, memory.getHeapMemoryUsage().getUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf("state database after the run: %d KB (%s)%n", Files.size(dir.resolve("gardien.mv.db")) >> 10,
          dir);
    }
  }

  private static Server server(String name, String address) {
    return new Server(name, Map.of(), ServerSpec.builder()
        .connection(new ConnectionSpec(address, null, null, null, null))
        .ssh(new SshSpec(2222, null, null, null))
        .web(new WebSpec(true, null, null, null, null))
        .sites(List.of(site(name + "-shop", "none"), site(name + "-blog", "acme")))
        .monitoring(new MonitoringSpec("1m", 5, null))
        .build(), Path.of(name + ".yaml"));
  }

  private static SiteSpec site(String name, String tls) {
    return new SiteSpec(name, List.of(name + ".example"), null, null, null, new SiteSpec.Tls(tls, null, null), null);
  }
}
