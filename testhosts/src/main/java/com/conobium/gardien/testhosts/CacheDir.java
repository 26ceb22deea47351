package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;

/**
 * Where built images, keys and apt downloads are kept across runs: system property
 * {@code gardien.testhosts.cache}, env {@code GARDIEN_TESTHOSTS_CACHE}, or
 * {@code /var/cache/gardien-testhosts}.
 */
public record CacheDir(Path path) {
  public static CacheDir fromEnvironment() {
    String p = System.getProperty("gardien.testhosts.cache");
    if (p == null || p.isBlank()) {
      p = System.getenv("GARDIEN_TESTHOSTS_CACHE");
    }
    return new CacheDir(Path.of(p == null || p.isBlank() ? "/var/cache/gardien-testhosts" : p));
  }

  /** Produces {@code name} once: under an exclusive file lock, only when it is not complete yet. */
  Path once(String name, java.util.function.Consumer<Path> build) {
    Path target = path.resolve(name);
    Path done = path.resolve(name + ".complete");
    if (Files.exists(done)) {
      return target;
    }
    return locked(name, () -> {
      if (!Files.exists(done)) {
        build.accept(target);
        try {
          Files.writeString(done, "");
        } catch (IOException e) {
          throw new TestHostException("cannot mark " + target + " complete", e);
        }
      }
      return target;
    });
  }

  <T> T locked(String name, Supplier<T> action) {
    try {
      Files.createDirectories(path);
      try (FileChannel ch = FileChannel.open(path.resolve(name + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new TestHostException("cannot lock " + name + " in " + path, e);
    }
  }
}
