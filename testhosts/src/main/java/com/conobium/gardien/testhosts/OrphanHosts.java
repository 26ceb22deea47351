package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test hosts left behind by a test JVM that died without closing them (killed, out of memory, a
 * CI timeout): their {@code systemd-nspawn} keeps running, their overlay stays mounted and their
 * network number stays taken. Each host's directory holds an {@code owner} marker naming the JVM
 * that booted it and its {@code systemd-nspawn}, each by PID and start time (so a reused PID is
 * never mistaken for them); the next harness to start stops the hosts whose JVM is gone, by the
 * recorded PID, and removes their overlays and interfaces. Hosts of a live JVM are left alone.
 */
final class OrphanHosts {
  private static final Logger log = LoggerFactory.getLogger(OrphanHosts.class);
  static final String MARKER = "owner";

  private OrphanHosts() {}

  /** Records that this JVM owns the host in {@code dir}, run by {@code nspawn}. */
  static void mark(Path dir, ProcessHandle nspawn) throws IOException {
    ProcessHandle me = ProcessHandle.current();
    Files.writeString(dir.resolve(MARKER), "jvm=" + me.pid() + "\njvmStart=" + start(me)
        + "\nnspawn=" + nspawn.pid() + "\nnspawnStart=" + start(nspawn) + "\n");
  }

  /**
   * Stops and removes every host under {@code hostsDir} whose owning JVM is no longer running.
   *
   * @return the names of the hosts removed
   */
  static List<String> sweep(Path hostsDir) {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(hostsDir)) {
      return removed;
    }
    List<Path> dirs;
    try (Stream<Path> list = Files.list(hostsDir)) {
      dirs = list.filter(d -> Files.isRegularFile(d.resolve(MARKER))).sorted().toList();
    } catch (IOException e) {
      throw new TestHostException("cannot list " + hostsDir, e);
    }
    for (Path dir : dirs) {
      Map<String, String> owner = read(dir.resolve(MARKER));
      if (owner.isEmpty() || alive(owner.get("jvm"), owner.get("jvmStart"))) {
        continue;
      }
      String name = dir.getFileName().toString();
      log.warn("test host {} was left running by JVM {}, which is gone: stopping it", name, owner.get("jvm"));
      running(owner.get("nspawn"), owner.get("nspawnStart")).ifPresent(p -> powerOff(p, name));
      new Overlay(dir).remove();
      HostNetwork.remove(name);
      removed.add(name);
    }
    return removed;
  }

  private static void powerOff(ProcessHandle nspawn, String name) {
    nspawn.destroy(); // SIGTERM: systemd-nspawn powers the container off
    try {
      if (nspawn.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).get() == null) {
        log.warn("left-over test host {} did not power off within 20 s; killing its systemd-nspawn (pid {})",
            name, nspawn.pid());
        nspawn.destroyForcibly();
        nspawn.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("cannot wait for the left-over test host {}: {}", name, e.toString());
    }
  }

  private static boolean alive(String pid, String startedAt) {
    return running(pid, startedAt).isPresent();
  }

  /** The process {@code pid} when it runs and started at {@code startedAt}; empty otherwise. */
  private static Optional<ProcessHandle> running(String pid, String startedAt) {
    if (pid == null || startedAt == null || !pid.matches("\\d{1,10}")) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)
        .filter(p -> startedAt.equals(start(p)));
  }

  private static String start(ProcessHandle p) {
    return p.info().startInstant().map(i -> String.valueOf(i.toEpochMilli())).orElse("unknown");
  }

  private static Map<String, String> read(Path marker) {
    Map<String, String> fields = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(marker)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      log.warn("cannot read {}: {}", marker, e.toString());
      fields.clear();
    }
    return fields;
  }
}
