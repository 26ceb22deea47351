package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A network number N held by one running test host, unique across JVMs through a file lock: the
 * host side is {@code 198.18.N.1}, the host {@code 198.18.N.2}. The lock goes with the JVM, so a
 * crashed run never keeps a slot.
 */
final class HostSlot implements AutoCloseable {
  private final int number;
  private final FileChannel channel;
  private final FileLock lock;

  private HostSlot(int number, FileChannel channel, FileLock lock) {
    this.number = number;
    this.channel = channel;
    this.lock = lock;
  }

  static HostSlot acquire(Path runDir) {
    try {
      Files.createDirectories(runDir);
      for (int n = 1; n < 255; n++) {
        FileChannel ch = FileChannel.open(runDir.resolve("slot-" + n + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
          lock = null;
        }
        if (lock != null) {
          return new HostSlot(n, ch, lock);
        }
        ch.close();
      }
    } catch (IOException e) {
      throw new TestHostException("cannot allocate a test host slot in " + runDir, e);
    }
    throw new TestHostException("all 254 test host slots are in use");
  }

  int number() {
    return number;
  }

  String machineName() {
    return "gdn" + number;
  }

  String hostAddress() {
    return "198.18." + number + ".2";
  }

  String controllerAddress() {
    return "198.18." + number + ".1";
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock goes with the channel in any case
    }
  }
}
