package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.daemon.DaemonSettings;
import com.conobium.gardien.reconciler.daemon.Mode;
import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code gardien run} put together as the command line does ({@link CliWiring}, {@link DaemonStarter})
 * in a fresh Gardien home with its own SSH key, for unit tests of the daemon's options. Detect mode,
 * one server at a time, a fast poll and a long drift interval; {@link #close()} stops it.
 */
final class CommandLineDaemon implements AutoCloseable {
  /** Gardien's home: {@code id_ed25519} made, the embedded state database created at start. */
  final Path home;
  private DaemonStarter.Running running;

  CommandLineDaemon(Path dir) throws IOException, InterruptedException {
    home = Files.createDirectories(dir.resolve("home"));
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
        home.resolve("id_ed25519").toString()).start();
    if (keygen.waitFor() != 0) {
      throw new IOException("ssh-keygen failed with status " + keygen.exitValue());
    }
  }

  /** Options for following {@code repo}'s branch {@code main}, listening on a free loopback port. */
  static RunOptions options(String repo) {
    RunOptions options = new RunOptions();
    options.repo = repo;
    options.branch = "main";
    options.listen = "127.0.0.1:0";
    options.rollbackAfterSeconds = 90;
    return options;
  }

  /** Starts the daemon with {@code options}, fetching every {@code poll}. */
  DaemonStarter.Running start(RunOptions options, Duration poll) throws IOException {
    DaemonSettings settings = new DaemonSettings(poll, Duration.ofMinutes(5), Duration.ofMinutes(1), 1, Mode.DETECT,
        Duration.ofMinutes(5), 3, Duration.ofSeconds(5));
    running = Guice.createInjector(new CliWiring(home)).getInstance(DaemonStarter.class)
        .start(options, settings, Duration.ofMillis(100));
    return running;
  }

  @Override
  public void close() {
    if (running != null) {
      running.close();
      running = null;
    }
  }
}
