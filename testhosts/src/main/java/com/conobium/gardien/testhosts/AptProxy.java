package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caching apt proxy (apt-cacher-ng) on the controller through which test hosts reach the Debian
 * mirror; downloads are kept in the cache directory across runs.
 *
 * <p>A proxy already answering on port 3142 is used if it really serves Debian (a freshly
 * installed apt-cacher-ng service without a Debian backend answers every request with "503");
 * otherwise the harness runs its own on the first free port from 3142, as a child process it
 * stops by PID. Every user of a proxy registers under {@link #USERS} by PID, and the one that
 * started the proxy leaves it running, to be reused, while other live users remain.
 */
final class AptProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AptProxy.class);
  static final int DEFAULT_PORT = 3142;
  static final Path USERS = Path.of("/run/gardien-testhosts/apt-proxy-users");

  private final int port;
  private final Process process;
  private final Path registration;

  private AptProxy(int port, Process process, Path registration) {
    this.port = port;
    this.process = process;
    this.registration = registration;
  }

  /** The port on the controller's addresses that test hosts' apt uses. */
  int port() {
    return port;
  }

  static AptProxy ensure(CacheDir cache, DebianMirror mirror) {
    return ensure(cache, DEFAULT_PORT, mirror);
  }

  /** Uses a serving proxy on {@code firstPort}, or starts one on the first free port from it. */
  static AptProxy ensure(CacheDir cache, int firstPort, DebianMirror mirror) {
    int port = firstPort;
    while (listening(port)) {
      if (serves(port, mirror)) {
        return new AptProxy(port, null, register(port));
      }
      log.warn("the apt proxy on port {} does not serve {}; running the harness's own", port, probe(mirror));
      if (++port > firstPort + 10) {
        throw new TestHostException("no free port for an apt proxy in 3142-" + (port - 1));
      }
    }
    Process p = start(cache, port, mirror);
    return new AptProxy(port, p, register(port));
  }

  private static Process start(CacheDir cache, int port, DebianMirror mirror) {
    Path base = cache.path().resolve("apt-cacher-ng");
    try {
      Path conf = Files.createDirectories(base.resolve("conf"));
      Path store = Files.createDirectories(base.resolve("cache"));
      Path logs = Files.createDirectories(base.resolve("log"));
      try (Stream<Path> files = Files.list(Path.of("/etc/apt-cacher-ng"))) {
        for (Path f : files.toList()) {
          Files.copy(f, conf.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      // Without a backend for the Debian remap, every request fails with "503 Host not found".
      Files.writeString(conf.resolve("backends_debian"), mirror.archive() + "/\n");
      Commands.check(Duration.ofSeconds(10), List.of("chown", "-R", "apt-cacher-ng:apt-cacher-ng", base.toString()));
      Process p = new ProcessBuilder("apt-cacher-ng", "-c", conf.toString(), "ForeGround=1",
              "Port=" + port, "CacheDir=" + store, "LogDir=" + logs,
              "SocketPath=" + base.resolve("socket-" + port), "PidFile=" + base.resolve("pid-" + port))
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve("console.log").toFile())
          .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!listening(port)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroy();
          throw new TestHostException("apt-cacher-ng did not start; see " + logs.resolve("console.log"));
        }
        Thread.sleep(100);
      }
      log.info("started apt-cacher-ng (pid {}) on port {}", p.pid(), port);
      return p;
    } catch (IOException e) {
      throw new TestHostException("cannot start apt-cacher-ng: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestHostException("interrupted starting apt-cacher-ng", e);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether this JVM started the proxy (and may stop it). */
  boolean started() {
    return process != null;
  }

  /** A small file of the mirror: its trixie Release signature. */
  private static String probe(DebianMirror mirror) {
    return mirror.archive() + "/dists/trixie/Release.gpg";
  }

  /** Whether the proxy on {@code port} fetches a small file of the Debian mirror. */
  static boolean serves(int port, DebianMirror mirror) {
    HttpClient client = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    try {
      HttpResponse<Void> r = client.send(
          HttpRequest.newBuilder(URI.create(probe(mirror))).timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestHostException("interrupted checking the apt proxy", e);
    }
  }

  /**
   * Registers a user of the proxy on {@code port}: a file named {@code PORT-PID.N} (N tells apart
   * users in one JVM).
   */
  private static Path register(int port) {
    try {
      Files.createDirectories(USERS);
      String pid = String.valueOf(ProcessHandle.current().pid());
      for (int n = 0; ; n++) {
        Path me = USERS.resolve(port + "-" + pid + "." + n);
        try {
          Files.writeString(me, port + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          return me;
        } catch (FileAlreadyExistsException e) {
          // taken by another user in this JVM, or left by a dead one
        }
      }
    } catch (IOException e) {
      throw new TestHostException("cannot register in " + USERS, e);
    }
  }

  /** Whether any other registered user of this proxy, in a live process, still uses it. */
  private boolean otherUsers() {
    String prefix = port + "-";
    try (Stream<Path> users = Files.list(USERS)) {
      return users.filter(p -> !p.equals(registration))
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.matches("\\d+-\\d+\\.\\d+"))
          .mapToLong(n -> Long.parseLong(n.substring(prefix.length(), n.indexOf('.'))))
          .anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Unregisters this user; stops the proxy by its PID if this user started it and no other user
   * (in this or another JVM) still uses it (else it keeps running and the next run reuses it).
   */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(registration);
    } catch (IOException e) {
      // a stale registration names a dead PID and is ignored
    }
    if (process == null || !process.isAlive()) {
      return;
    }
    if (otherUsers()) {
      log.info("leaving apt-cacher-ng (pid {}) running: other test runs use it", process.pid());
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
