package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;

/** Gardien's own state directory: {@code $GARDIEN_HOME}, or {@code ~/.gardien}. */
final class GardienHome {
  private GardienHome() {}

  static Path resolve() {
    String env = System.getenv("GARDIEN_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".gardien");
  }
}
