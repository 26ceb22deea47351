package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * A network number N held by one running test host: the controller side is {@code 198.18.N.1},
 * the host {@code 198.18.N.2}, its interface {@code ve-PREFIXN}.
 *
 * <p>N is unique on the machine, not only in one cache directory: it is held by a file lock in
 * each of the lock directories (the machine-wide {@link #MACHINE_LOCKS} and the cache's run
 * directory, which older harness versions lock), and a number whose subnet or interface is
 * already in use on the machine (a host of another harness, a crashed run) is skipped rather than
 * cleaned up. The locks go with the JVM, so a crashed run never keeps a slot.
 *
 * <p>File locks belong to the process, and closing any channel on a locked file releases the
 * process's lock on it: this JVM therefore never opens the lock file of a number it holds (it
 * keeps them in {@link #HELD}).
 */
final class HostSlot implements AutoCloseable {
  /** Lock directory shared by every harness on the machine, whatever its cache directory. */
  static final Path MACHINE_LOCKS = Path.of("/run/gardien-testhosts/slots");

  static final int MAX = 254;

  /** The numbers this process holds: the one piece of process-wide state file locks require. */
  private static final Set<Integer> HELD = ConcurrentHashMap.newKeySet();

  private final int number;
  private final String machineName;
  private final List<FileChannel> channels;
  private boolean closed;

  private HostSlot(int number, String machineName, List<FileChannel> channels) {
    this.number = number;
    this.machineName = machineName;
    this.channels = channels;
  }

  /** Takes the lowest free number, locked in every one of {@code lockDirs}. */
  static HostSlot acquire(String namePrefix, List<Path> lockDirs) {
    return acquire(namePrefix, lockDirs, n -> HostNetwork.inUse(n, namePrefix + n));
  }

  static HostSlot acquire(String namePrefix, List<Path> lockDirs, IntPredicate inUseElsewhere) {
    try {
      for (Path dir : lockDirs) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new TestHostException("cannot create the test host lock directories " + lockDirs, e);
    }
    for (int n = 1; n <= MAX; n++) {
      if (!HELD.add(n)) {
        continue;
      }
      List<FileChannel> locked = tryLockAll(n, lockDirs);
      if (locked != null && !inUseElsewhere.test(n)) {
        return new HostSlot(n, namePrefix + n, locked);
      }
      if (locked != null) {
        closeAll(locked);
      }
      HELD.remove(n);
    }
    throw new TestHostException("all " + MAX + " test host slots (198.18.1-" + MAX + ".0/24) are in use");
  }

  /** The channels holding number {@code n} in every directory, or null when one is taken. */
  private static List<FileChannel> tryLockAll(int n, List<Path> lockDirs) {
    List<FileChannel> held = new ArrayList<>();
    try {
      for (Path dir : lockDirs) {
        FileChannel ch = FileChannel.open(dir.resolve("slot-" + n + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // cannot happen while HELD guards the number; never close a held file
        }
        held.add(ch);
        if (lock == null) {
          closeAll(held);
          return null;
        }
      }
      return held;
    } catch (IOException e) {
      closeAll(held);
      throw new TestHostException("cannot lock test host slot " + n + " in " + lockDirs, e);
    }
  }

  private static void closeAll(List<FileChannel> channels) {
    for (FileChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException e) {
        // the lock goes with the channel in any case
      }
    }
  }

  int number() {
    return number;
  }

  String machineName() {
    return machineName;
  }

  String hostAddress() {
    return "198.18." + number + ".2";
  }

  String controllerAddress() {
    return "198.18." + number + ".1";
  }

  /** Releases the number (closing the channels releases their locks). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(channels);
    HELD.remove(number);
  }
}
