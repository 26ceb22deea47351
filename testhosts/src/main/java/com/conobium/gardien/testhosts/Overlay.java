package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test host's root file system: an overlay of its own writable {@code upper} directory over
 * read-only layers (topmost first, the base image last), mounted at {@code merged} in the host's
 * run directory. Whatever the host changes lands in {@code upper}; the layers stay untouched.
 */
final class Overlay {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;

  /** An overlay in {@code dir}, not mounted yet. */
  Overlay(Path dir) {
    this.dir = dir;
  }

  Path upper() {
    return dir.resolve("upper");
  }

  Path merged() {
    return dir.resolve("merged");
  }

  /** Creates the directories (upper first, so it can be filled before mounting). */
  Overlay create() throws IOException {
    Files.createDirectories(upper());
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(merged());
    return this;
  }

  /** Mounts {@code upper} over {@code layers} (topmost first) at {@link #merged()}. */
  void mount(List<Path> layers) {
    List<String> lower = new ArrayList<>();
    layers.forEach(l -> lower.add(l.toString()));
    Commands.check(TIMEOUT, List.of("mount", "-t", "overlay", "overlay", "-o",
        "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper() + ",workdir=" + dir.resolve("work"),
        merged().toString()));
  }

  /** Whether it is mounted. */
  boolean mounted() {
    return Commands.run(TIMEOUT, List.of("mountpoint", "-q", merged().toString())).ok();
  }

  /** Unmounts it if mounted (lazily if something still holds it). */
  void unmount() {
    if (Files.isDirectory(merged()) && mounted()
        && !Commands.run(TIMEOUT, List.of("umount", merged().toString())).ok()) {
      Commands.run(TIMEOUT, List.of("umount", "-l", merged().toString()));
    }
  }

  /** Unmounts it and deletes the whole directory, never crossing into another file system. */
  void remove() {
    unmount();
    Commands.run(Duration.ofMinutes(2), List.of("rm", "-rf", "--one-file-system", dir.toString()));
  }
}
