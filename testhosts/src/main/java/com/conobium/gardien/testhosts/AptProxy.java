package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caching apt proxy (apt-cacher-ng) on the controller, port 3142, through which test hosts reach
 * the Debian mirror. Downloads are kept in the cache directory across runs. Started only when no
 * proxy answers yet, and then stopped by its PID.
 */
final class AptProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AptProxy.class);
  static final int PORT = 3142;

  private final Process process;

  private AptProxy(Process process) {
    this.process = process;
  }

  static AptProxy ensure(CacheDir cache) {
    if (listening()) {
      return new AptProxy(null);
    }
    Path base = cache.path().resolve("apt-cacher-ng");
    try {
      Path conf = Files.createDirectories(base.resolve("conf"));
      Path store = Files.createDirectories(base.resolve("cache"));
      Path logs = Files.createDirectories(base.resolve("log"));
      try (var files = Files.list(Path.of("/etc/apt-cacher-ng"))) {
        for (Path f : files.toList()) {
          Files.copy(f, conf.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      // Without a backend for the Debian remap, every request fails with "503 Host not found".
      Files.writeString(conf.resolve("backends_debian"), "http://deb.debian.org/debian/\n");
      Commands.run(Duration.ofSeconds(10), List.of("chown", "-R", "apt-cacher-ng:apt-cacher-ng", base.toString()));
      Process p = new ProcessBuilder("apt-cacher-ng", "-c", conf.toString(), "ForeGround=1",
              "CacheDir=" + store, "LogDir=" + logs)
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve("console.log").toFile())
          .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!listening()) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          p.destroy();
          throw new TestHostException("apt-cacher-ng did not start; see " + logs.resolve("console.log"));
        }
        Thread.sleep(100);
      }
      log.info("started apt-cacher-ng (pid {}) on port {}", p.pid(), PORT);
      return new AptProxy(p);
    } catch (IOException e) {
      throw new TestHostException("cannot start apt-cacher-ng: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestHostException("interrupted starting apt-cacher-ng", e);
    }
  }

  private static boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", PORT), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the proxy by its PID, if this JVM started it. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }
}
