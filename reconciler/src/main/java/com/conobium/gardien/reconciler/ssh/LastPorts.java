package com.conobium.gardien.reconciler.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSH port each server was last reached on through its managed login, one small file per
 * server under Gardien's home ({@code ports/SERVER}). When a manifest moves {@code ssh.port}, the
 * server still listens on the old one until the change is applied: this is how Gardien finds it.
 */
public final class LastPorts {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private final Path dir;
  private final boolean writable;

  public LastPorts(Path dir) {
    this(dir, true);
  }

  private LastPorts(Path dir, boolean writable) {
    this.dir = dir;
    this.writable = writable;
  }

  /** The same memory, read but never written: for a plan that must leave Gardien's home as it is. */
  public LastPorts readOnly() {
    return new LastPorts(dir, false);
  }

  /** The port {@code server} was last reached on, if Gardien knows one. */
  public Optional<Integer> of(String server) {
    Path file = file(server);
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      int port = Integer.parseInt(Files.readString(file).strip());
      return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Records that {@code server} was reached on {@code port}; writes only when that is news. */
  public void record(String server, int port) {
    if (!writable || of(server).equals(Optional.of(port))) {
      return;
    }
    Path file = file(server);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, server, ".tmp");
      Files.writeString(tmp, port + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // a memory only: the next run tries the manifest's port first anyway
    }
  }

  private Path file(String server) {
    if (!NAME.matcher(server).matches()) {
      throw new IllegalArgumentException("not a server name: " + server);
    }
    return dir.resolve(server);
  }
}
