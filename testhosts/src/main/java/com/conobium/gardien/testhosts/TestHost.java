package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway Debian 13 server: a {@code systemd-nspawn} container with systemd as PID 1, a real
 * sshd, its own network namespace (so its nftables rules apply to it alone) and its own overlay
 * over the cached base image. Reached at {@link #address()} port 22 as root with
 * {@link #rootKey()}; its host keys (Ed25519, ECDSA, RSA, its own) are {@link #hostPublicKeys()}. {@link #close()} powers it off and
 * removes every trace.
 */
public final class TestHost implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TestHost.class);
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(90);
  /** The host key types of a stock Debian install, in the order {@link #hostPublicKeys()} lists them. */
  private static final List<String> KEY_TYPES = List.of("ed25519", "ecdsa", "rsa");

  private final HostSlot slot;
  private final Overlay overlay;
  private final Path rootKey;
  private final List<String> hostPublicKeys;
  private volatile Process nspawn;
  private volatile long leaderPid;
  private final Duration bootTime;
  private boolean closed;

  private TestHost(HostSlot slot, Overlay overlay, Path rootKey, List<String> hostPublicKeys, Process nspawn,
      long leaderPid, Duration bootTime) {
    this.slot = slot;
    this.overlay = overlay;
    this.rootKey = rootKey;
    this.hostPublicKeys = hostPublicKeys;
    this.nspawn = nspawn;
    this.leaderPid = leaderPid;
    this.bootTime = bootTime;
  }

  /**
   * Boots a host over {@code layers} (topmost first, the base image last) in a slot locked in
   * every one of {@code lockDirs}; its apt proxy, if asked for, is the controller's port
   * {@code proxyPort}.
   */
  static TestHost boot(List<Path> layers, Path harnessKey, Path runDir, List<Path> lockDirs,
      HostOptions options, int proxyPort) {
    long start = System.nanoTime();
    HostSlot slot = HostSlot.acquire(options.namePrefix(), lockDirs);
    String name = slot.machineName();
    Path dir = runDir.resolve("hosts").resolve(name);
    Overlay overlay = new Overlay(dir);
    Process nspawn = null;
    try {
      overlay.remove(); // a crashed run's directory; the slot check ensured no host uses it
      overlay.create();
      List<String> hostKeys = prepareUpper(overlay.upper(), name, slot, options, proxyPort);
      overlay.mount(layers);
      nspawn = startContainer(overlay, dir, name);
      long leader = awaitNetworkAndSsh(nspawn, slot, dir);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      log.info("test host {} at {} booted in {} ms", name, slot.hostAddress(), took.toMillis());
      return new TestHost(slot, overlay, harnessKey, hostKeys, nspawn, leader, took);
    } catch (IOException | RuntimeException e) {
      stop(nspawn, overlay, name);
      slot.close();
      throw e instanceof TestHostException t ? t
          : new TestHostException("cannot boot test host " + name + ": " + e.getMessage(), e);
    }
  }

  private static Process startContainer(Overlay overlay, Path dir, String name) throws IOException {
    Process nspawn = new ProcessBuilder("systemd-nspawn", "-D", overlay.merged().toString(), "--boot",
            "--register=no", "--keep-unit", "--network-veth", "-M", name)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("console.log").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    OrphanHosts.mark(dir, nspawn.toHandle());
    return nspawn;
  }

  /** Waits for the container's PID 1, gives its network its address, and waits for sshd; returns PID 1. */
  private static long awaitNetworkAndSsh(Process nspawn, HostSlot slot, Path dir) {
    long leader = awaitLeader(nspawn, dir);
    awaitVeth(slot.machineName(), nspawn, dir);
    HostNetwork.configure(slot, leader);
    awaitSsh(slot.hostAddress(), nspawn, dir);
    return leader;
  }

  /**
   * Powers the host off as a shutdown would (SIGTERM to its systemd-nspawn): nothing answers at its
   * address until {@link #powerOn()}, which boots it again from the same disk (its overlay).
   */
  public synchronized void powerOff() {
    if (closed) {
      throw new IllegalStateException(name() + " is closed");
    }
    powerOff(nspawn, name());
    log.info("test host {} powered off", name());
  }

  /** Boots a host powered off by {@link #powerOff()} again, with all it had on disk; returns once sshd answers. */
  public synchronized void powerOn() throws IOException {
    if (closed || nspawn.isAlive()) {
      throw new IllegalStateException(name() + " is " + (closed ? "closed" : "running"));
    }
    long start = System.nanoTime();
    Path dir = overlay.upper().getParent();
    nspawn = startContainer(overlay, dir, name());
    leaderPid = awaitNetworkAndSsh(nspawn, slot, dir);
    log.info("test host {} powered on again in {} ms", name(), (System.nanoTime() - start) / 1_000_000);
  }

  private static List<String> prepareUpper(Path upper, String name, HostSlot slot, HostOptions options,
      int proxyPort) throws IOException {
    // A stock Debian 13 install has three host keys (Ed25519, ECDSA, RSA), its own on each
    // server: made here in the host's upper layer, so they hide the base image's and differ per host.
    Files.createDirectories(upper.resolve("etc/ssh"));
    Commands.check(Duration.ofSeconds(60), List.of("ssh-keygen", "-q", "-A", "-f", upper.toString()));
    Files.writeString(upper.resolve("etc/hostname"), name + "\n");
    Files.writeString(upper.resolve("etc/hosts"),
        "127.0.0.1\tlocalhost\n127.0.1.1\t" + name + "\n::1\tlocalhost ip6-localhost ip6-loopback\n");
    if (options.aptProxy()) {
      Path apt = Files.createDirectories(upper.resolve("etc/apt/apt.conf.d"));
      Files.writeString(apt.resolve("00testhosts-proxy"),
          "Acquire::http::Proxy \"http://" + slot.controllerAddress() + ":" + proxyPort + "\";\n");
    }
    List<String> keys = new ArrayList<>();
    for (String type : KEY_TYPES) {
      String[] parts = Files.readString(upper.resolve("etc/ssh/ssh_host_" + type + "_key.pub")).strip().split(" ");
      keys.add(parts[0] + " " + parts[1]); // "type base64", without the comment
    }
    return List.copyOf(keys);
  }

  /** The container's PID 1 seen from here: the descendant of nspawn whose namespaced PID is 1. */
  private static long awaitLeader(Process nspawn, Path dir) {
    long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> leader =
          nspawn.toHandle().descendants().filter(TestHost::isNamespaceInit).findFirst();
      if (leader.isPresent()) {
        return leader.get().pid();
      }
      failIfDead(nspawn, dir);
      sleep(20);
    }
    throw new TestHostException("systemd-nspawn started no container; see " + dir.resolve("console.log"));
  }

  private static boolean isNamespaceInit(ProcessHandle p) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status")).stream()
          .filter(l -> l.startsWith("NSpid:"))
          .anyMatch(l -> l.trim().endsWith("\t1") || l.trim().endsWith(" 1"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitVeth(String name, Process nspawn, Path dir) {
    long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
    while (!HostNetwork.exists(name)) {
      failIfDead(nspawn, dir);
      if (System.nanoTime() > deadline) {
        throw new TestHostException("no interface " + HostNetwork.veth(name) + " appeared");
      }
      sleep(20);
    }
  }

  private static void awaitSsh(String address, Process nspawn, Path dir) {
    long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      failIfDead(nspawn, dir);
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address, 22), 500);
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        byte[] banner = new byte[8];
        int n = in.readNBytes(banner, 0, 8);
        if (n == 8 && new String(banner, StandardCharsets.US_ASCII).startsWith("SSH-2.0")) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      sleep(50);
    }
    throw new TestHostException("sshd on " + address + " did not answer within " + BOOT_TIMEOUT
        + "; see " + dir.resolve("console.log"));
  }

  private static void failIfDead(Process nspawn, Path dir) {
    if (!nspawn.isAlive()) {
      String console;
      try {
        console = Files.readString(dir.resolve("console.log"));
      } catch (IOException e) {
        console = "";
      }
      throw new TestHostException("systemd-nspawn exited with status " + nspawn.exitValue() + ": "
          + console.lines().skip(Math.max(0, console.lines().count() - 15)).collect(Collectors.joining("\n")));
    }
  }

  /** The machine name, e.g. {@code gdn3}. */
  public String name() {
    return slot.machineName();
  }

  /** The host's address, e.g. {@code 198.18.3.2}. */
  public String address() {
    return slot.hostAddress();
  }

  /** The controller's address as the host sees it, e.g. {@code 198.18.3.1}. */
  public String controllerAddress() {
    return slot.controllerAddress();
  }

  /** The port sshd listens on when the host boots. */
  public int sshPort() {
    return 22;
  }

  /** The host's Ed25519 SSH public key, {@code ssh-ed25519 AAAA…}. */
  public String hostPublicKey() {
    return hostPublicKeys.get(0);
  }

  /**
   * Every SSH host key the host has, as a stock Debian install does: Ed25519, ECDSA and RSA, in
   * that order, each {@code type base64}.
   */
  public List<String> hostPublicKeys() {
    return hostPublicKeys;
  }

  /** The private key root logs in with (OpenSSH format, ed25519). */
  public Path rootKey() {
    return rootKey;
  }

  /** How long booting took, from nothing to an answering sshd. */
  public Duration bootTime() {
    return bootTime;
  }

  /**
   * Runs a shell command inside the host as root, out of band (not over SSH): for checks and for
   * sabotage in tests. The command gets the host's own clean environment, never the controller's
   * (a CI runner without {@code SHELL} made {@code script} start dash instead of bash, which
   * changes what a terminal session does).
   */
  public ExecResult exec(String shellCommand) {
    Commands.Result r = Commands.run(Duration.ofMinutes(10), List.of("nsenter", "-t",
        String.valueOf(leaderPid), "-m", "-u", "-i", "-n", "-p", "--", "/usr/bin/env", "-i",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
        "LANG=C.UTF-8", "SHELL=/bin/bash", "/bin/sh", "-c", shellCommand));
    return new ExecResult(r.exitStatus(), r.stdout(), r.stderr());
  }

  /** Runs a shell command inside the host that must succeed; returns its standard output. */
  public String check(String shellCommand) {
    ExecResult r = exec(shellCommand);
    if (!r.ok()) {
      throw new TestHostException("on " + name() + ": `" + shellCommand + "` failed (" + r.exitStatus()
          + "): " + r.stderr().strip());
    }
    return r.stdout();
  }

  /**
   * Waits until systemd has finished starting the host's units (sshd answers earlier than, e.g.,
   * mariadb) and returns the system state: {@code running}, or {@code degraded} if a unit failed.
   */
  public String awaitStartup() {
    return exec("systemctl is-system-running --wait").stdout().strip();
  }

  /** Whether the container is still running. */
  public boolean isRunning() {
    return nspawn.isAlive();
  }

  /** Powers the host off (SIGTERM to its systemd-nspawn, by PID) and removes its overlay. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long start = System.nanoTime();
    stop(nspawn, overlay, name());
    slot.close();
    log.info("test host {} stopped in {} ms", name(), (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Powers the host off like {@link #close()} but first moves its overlay's upper directory (what
   * it changed over its layers) to {@code target}, for use as a layer; returns {@code target}.
   */
  synchronized Path closeKeepingUpper(Path target) throws IOException {
    if (closed) {
      throw new IllegalStateException(name() + " is already closed");
    }
    closed = true;
    powerOff(nspawn, name());
    overlay.unmount();
    Commands.run(Duration.ofMinutes(2), List.of("rm", "-rf", "--one-file-system", target.toString()));
    Files.move(overlay.upper(), target);
    overlay.remove();
    HostNetwork.remove(name());
    slot.close();
    return target;
  }

  private static void stop(Process nspawn, Overlay overlay, String name) {
    powerOff(nspawn, name);
    overlay.remove();
    HostNetwork.remove(name);
  }

  private static void powerOff(Process nspawn, String name) {
    if (nspawn != null && nspawn.isAlive()) {
      nspawn.destroy(); // SIGTERM: systemd-nspawn powers the container off cleanly
      try {
        if (!nspawn.waitFor(20, TimeUnit.SECONDS)) {
          log.warn("test host {} did not power off within 20 s; killing systemd-nspawn (pid {})",
              name, nspawn.pid());
          nspawn.destroyForcibly();
          nspawn.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestHostException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name() + "@" + address();
  }
}
