package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A control group of its own for the processes a test starts in it (a controller replica), whose
 * network the test can cut from where they stand, and only theirs: an nftables table in the
 * controller's namespace drops what the group's sockets send to an address or a port
 * ({@code socket cgroupv2}), while every other process still gets through. Used to show what one
 * controller's network trouble does, with the test hosts and everything else untouched.
 *
 * <p>The group is made at the root of the cgroup v2 hierarchy; on a machine that mounts it
 * elsewhere than {@code /sys/fs/cgroup} (a hybrid layout), it is also bound there, where nft looks
 * for a group's path.
 */
public final class ProcessGroup implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path NFT_ROOT = Path.of("/sys/fs/cgroup");

  private final String name;
  private final Path dir;
  private final Optional<Path> bound;
  private final String table;

  private ProcessGroup(String name, Path dir, Optional<Path> bound) {
    this.name = name;
    this.dir = dir;
    this.bound = bound;
    this.table = "gardien_it_" + name.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** Makes the group {@code gardien-it-NAME} and its (empty) nftables table. */
  public static ProcessGroup create(String name) {
    Path root = cgroup2Root();
    String group = "gardien-it-" + name;
    Path dir = root.resolve(group);
    try {
      Files.createDirectories(dir);
      Optional<Path> bound = Optional.empty();
      if (!root.equals(NFT_ROOT)) {
        Path at = NFT_ROOT.resolve(group);
        Files.createDirectories(at);
        Commands.check(TIMEOUT, List.of("mount", "--bind", dir.toString(), at.toString()));
        bound = Optional.of(at);
      }
      ProcessGroup g = new ProcessGroup(group, dir, bound);
      Commands.run(TIMEOUT, List.of("nft", "delete", "table", "inet", g.table));
      Commands.check(TIMEOUT, List.of("nft", "add", "table", "inet", g.table));
      Commands.check(TIMEOUT, List.of("nft", "add", "chain", "inet", g.table, "out",
          "{ type filter hook output priority 0; policy accept; }"));
      return g;
    } catch (IOException e) {
      throw new TestHostException("cannot make the control group " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code command}, started in this group: a shell puts itself in, then becomes the command (same PID). */
  public List<String> wrap(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
        "echo $$ > '" + dir.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** From now on the group's packets to {@code address} are dropped (its route to that host is cut). */
  public void cutAddress(String address) {
    rule("ip daddr " + address + " drop");
  }

  /** From now on the group's packets to TCP {@code port} (any address, loopback included) are dropped. */
  public void cutPort(int port) {
    rule("tcp dport " + port + " drop");
  }

  /** Every cut undone. */
  public void restore() {
    Commands.check(TIMEOUT, List.of("nft", "flush", "chain", "inet", table, "out"));
  }

  private void rule(String rule) {
    List<String> command = new ArrayList<>(List.of("nft", "add", "rule", "inet", table, "out",
        "socket", "cgroupv2", "level", "1", "\"" + name + "\""));
    command.addAll(List.of(rule.split(" ")));
    Commands.check(TIMEOUT, command);
  }

  /** Removes the table and the group (its processes must have ended). */
  @Override
  public void close() {
    Commands.run(TIMEOUT, List.of("nft", "delete", "table", "inet", table));
    bound.ifPresent(at -> {
      Commands.run(TIMEOUT, List.of("umount", at.toString()));
      Commands.run(TIMEOUT, List.of("rmdir", at.toString()));
    });
    Commands.run(TIMEOUT, List.of("rmdir", dir.toString()));
  }

  /** Where the cgroup v2 hierarchy is mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a hybrid layout). */
  private static Path cgroup2Root() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
        String[] f = line.split(" ");
        if (f.length > 2 && f[2].equals("cgroup2")) {
          return Path.of(f[1]);
        }
      }
    } catch (IOException e) {
      throw new TestHostException("cannot read /proc/self/mounts: " + e.getMessage(), e);
    }
    throw new TestHostException("no cgroup v2 hierarchy is mounted: a process's network cannot be cut alone");
  }
}
