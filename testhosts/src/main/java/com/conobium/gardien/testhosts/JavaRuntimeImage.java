package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Debian 13 root file system with a Java runtime, for building Gardien's container image where
 * no base image can be pulled: the base image plus a cached layer (built once, like {@link
 * WebStackLayer}, by installing {@link #PACKAGES} on a booted host through the apt proxy), handed
 * out as a tar archive that {@code podman import} turns into a local image.
 */
final class JavaRuntimeImage {
  private static final Logger log = LoggerFactory.getLogger(JavaRuntimeImage.class);

  /** What the layer adds to the base image. */
  static final List<String> PACKAGES = List.of("openjdk-21-jre-headless", "curl");

  private JavaRuntimeImage() {}

  /** The layer over the base image, built on first use under the cache's lock. */
  static Path layer(CacheDir cache, Function<HostOptions, TestHost> bootBase) {
    return cache.once("layer-jre-trixie", target -> build(target, bootBase));
  }

  private static void build(Path target, Function<HostOptions, TestHost> bootBase) {
    long start = System.nanoTime();
    log.info("building the Java runtime layer in {} (once): {}", target, PACKAGES);
    TestHost host = bootBase.apply(HostOptions.defaults().withNamePrefix("gdnjre"));
    try {
      host.check("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
          + " --no-install-recommends " + String.join(" ", PACKAGES)
          + " && apt-get clean && rm -rf /var/lib/apt/lists/* /etc/apt/apt.conf.d/00testhosts-proxy");
      Path upper = host.closeKeepingUpper(target.resolveSibling(target.getFileName() + ".tmp"));
      for (String own : List.of("etc/hostname", "etc/hosts", "etc/machine-id", "root/.bash_history")) {
        Files.deleteIfExists(upper.resolve(own));
      }
      Commands.check(Duration.ofMinutes(1), List.of("rm", "-rf", upper.resolve("var/log/journal").toString(),
          upper.resolve("tmp").toString(), upper.resolve("var/tmp").toString(), upper.resolve("etc/ssh").toString()));
      Files.move(upper, target);
    } catch (IOException e) {
      throw new TestHostException("cannot make the Java runtime layer " + target, e);
    } finally {
      host.close();
    }
    log.info("Java runtime layer ready in {} s", (System.nanoTime() - start) / 1_000_000_000);
  }

  /** Writes the root file system of {@code layers} (topmost first) to {@code tar}. */
  static void export(List<Path> layers, Path tar) {
    Path dir;
    try {
      dir = Files.createTempDirectory("gardien-rootfs");
    } catch (IOException e) {
      throw new TestHostException("cannot make a directory to export a root file system", e);
    }
    Path merged = dir.resolve("merged");
    try {
      Files.createDirectories(merged);
      List<String> lower = layers.stream().map(Path::toString).toList();
      Commands.check(Duration.ofSeconds(30), List.of("mount", "-t", "overlay", "overlay", "-o", "ro,lowerdir="
          + String.join(":", lower), merged.toString()));
      try {
        Commands.check(Duration.ofMinutes(10), List.of("tar", "-C", merged.toString(), "--one-file-system",
            "--numeric-owner", "-cf", tar.toString(), "."));
      } finally {
        Commands.run(Duration.ofSeconds(30), List.of("umount", merged.toString()));
      }
    } catch (IOException e) {
      throw new TestHostException("cannot export " + layers + " to " + tar, e);
    } finally {
      Commands.run(Duration.ofMinutes(1), List.of("rm", "-rf", "--one-file-system", dir.toString()));
    }
  }
}
