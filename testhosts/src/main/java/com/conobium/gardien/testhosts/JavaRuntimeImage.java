package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A Debian 13 root file system with a Java runtime, for building Gardien's container image where
 * no base image can be pulled: the base image plus a cached {@link PackageLayer} of {@link
 * #PACKAGES}, handed out as a tar archive that {@code podman import} turns into a local image.
 */
final class JavaRuntimeImage {
  /** What the layer adds to the base image. */
  static final List<String> PACKAGES = List.of("openjdk-21-jre-headless", "curl", "nmap", "fonts-dejavu-core");

  private static final PackageLayer LAYER = new PackageLayer("layer-jre-nmap-fonts-trixie", PACKAGES, "gdnjre");

  private JavaRuntimeImage() {}

  /** The layer over the base image, built on first use under the cache's lock. */
  static Path layer(CacheDir cache, Function<HostOptions, TestHost> bootBase) {
    return LAYER.get(cache, bootBase);
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
