package com.conobium.gardien.reconciler.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a command's time goes, phase by phase, printed on standard error when it ends if
 * {@code GARDIEN_TIMINGS} is set (bench/run-breakdown reads it): the JVM's start, the wiring,
 * reading and validating the repository, opening the state database, and for each server the SSH
 * connection, each remote command and the planning around them. Off, it only adds up nothing.
 */
final class Timings {
  /** Set (to anything) to have the phases printed. */
  static final String ENV = "GARDIEN_TIMINGS";

  /** One measured phase; {@code server} is null for the command's own phases. */
  record Phase(String server, String name, Duration duration) {}

  private final boolean on;
  private final List<Phase> phases = new ArrayList<>();

  private Timings(boolean on) {
    this.on = on;
  }

  static Timings off() {
    return new Timings(false);
  }

  static Timings fromEnvironment(Map<String, String> env) {
    return new Timings(env.get(ENV) != null);
  }

  boolean on() {
    return on;
  }

  /** Records a phase that took {@code nanos}. */
  synchronized void add(String server, String name, long nanos) {
    if (on) {
      phases.add(new Phase(server, name, Duration.ofNanos(nanos)));
    }
  }

  /** Runs {@code work} as the phase {@code name} of the command. */
  <T> T time(String name, Supplier<T> work) {
    if (!on) {
      return work.get();
    }
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(null, name, System.nanoTime() - start);
    }
  }

  /** Runs {@code work} as the phase {@code name} of the command. */
  void run(String name, Runnable work) {
    time(name, () -> {
      work.run();
      return null;
    });
  }

  /** Where bin/gardien puts the time it started (epoch nanoseconds), when timings are on. */
  static final String LAUNCHED_ENV = "GARDIEN_LAUNCHED_NS";

  /**
   * The start: the launcher's work (from {@code GARDIEN_LAUNCHED_NS}, when bin/gardien set it)
   * and the JVM's own start until the first line of main ({@code now}), in milliseconds as the JVM
   * counts its start.
   */
  void jvmStarted(Instant now, Map<String, String> env) {
    if (!on) {
      return;
    }
    long vmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    String launched = env.get(LAUNCHED_ENV);
    if (launched != null && launched.matches("\\d+")) {
      add(null, "launcher", Math.max(0, vmStart * 1_000_000 - Long.parseLong(launched)));
    }
    add(null, "jvm start", Math.max(0, Duration.between(Instant.ofEpochMilli(vmStart), now).toNanos()));
  }

  /**
   * Ends server {@code server}'s phases: what its {@code totalNanos} spent outside the phases
   * recorded for it (binding the modules, reading secrets, planning) becomes {@code planning and
   * the rest}.
   */
  synchronized void serverDone(String server, long totalNanos) {
    if (on) {
      long recorded = phases.stream().filter(p -> server.equals(p.server())).mapToLong(p -> p.duration().toNanos()).sum();
      add(server, "planning and the rest", Math.max(0, totalNanos - recorded));
      add(server, "total", totalNanos);
    }
  }

  /** One line per phase, {@code timing: [SERVER ]PHASE MS}, when on. */
  synchronized void print(PrintStream err) {
    if (!on) {
      return;
    }
    for (Phase p : phases) {
      err.printf("timing: %s%s %.1f ms%n", p.server() == null ? "" : p.server() + " ", p.name(),
          p.duration().toNanos() / 1e6);
    }
  }
}
