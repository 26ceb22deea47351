package com.conobium.gardien.reconciler.monitor;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * ICMP echo to the server, where this process may send it: the JDK sends a real echo request only
 * when it may open a raw socket ({@code CAP_NET_RAW}); otherwise it would try TCP port 7, which a
 * default-deny firewall drops, so the check is then not made at all and the SSH port's TCP
 * connect stands for it ({@link #possible()}). Informative: a ping that fails while the services
 * answer does not fail the round (networks drop and rate-limit ICMP first); it tells the
 * diagnosis whether a host that answers nothing else is up.
 */
final class PingCheck implements Check {
  /** The check's name. */
  static final String NAME = "ping";
  private static final int CAP_NET_RAW = 13;

  private final String address;

  PingCheck(String address) {
    this.address = address;
  }

  /** Whether this process may send ICMP echo: it has {@code CAP_NET_RAW}. */
  static boolean possible() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
          return (caps & (1L << CAP_NET_RAW)) != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not readable: no ICMP
    }
    return false;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Observation run(Duration timeout) {
    long start = System.nanoTime();
    try {
      boolean answered = InetAddress.getByName(address).isReachable((int) timeout.toMillis());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return answered ? Observation.ok(NAME, took) : Observation.failed(NAME, took, address + ": no echo reply");
    } catch (IOException | RuntimeException e) {
      return Observation.failed(NAME, Duration.ofNanos(System.nanoTime() - start), address + ": " + Errors.describe(e));
    }
  }
}
