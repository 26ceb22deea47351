package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.reconciler.ssh.SshConnections;
import java.util.Set;

/**
 * What a command will need and costs a cold JVM most, begun on a thread of its own before the
 * wiring, so it runs on the second core while Guice and picocli work on the first: the repository
 * loader (the published schemas read and compiled) and, for a command that connects to servers,
 * the SSH library's security providers (BouncyCastle's provider takes a cold JVM about 150 ms to
 * build).
 */
final class HeadStart {
  /** The commands that open SSH connections. */
  static final Set<String> CONNECTING = Set.of("plan", "apply", "run", "maintain", "backup", "certificates");

  private final RepoReader reader = RepoReader.unprepared();

  /** Begins the work the command named by {@code args} will need. */
  static HeadStart begin(String... args) {
    HeadStart start = new HeadStart();
    boolean connecting = args.length > 0 && CONNECTING.contains(args[0]);
    Thread thread = new Thread(() -> {
      start.reader.prepare();
      if (connecting) {
        SshConnections.registerSecurityProviders();
      }
    }, "gardien-head-start");
    thread.setDaemon(true);
    thread.start();
    return start;
  }

  /** The repository reader, its loader made or being made. */
  RepoReader reader() {
    return reader;
  }
}
