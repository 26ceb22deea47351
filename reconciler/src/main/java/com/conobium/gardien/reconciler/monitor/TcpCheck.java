package com.conobium.gardien.reconciler.monitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A port of the server accepts a TCP connection ({@code monitoring.checks[].tcp}). */
final class TcpCheck implements Check {
  private final String name;
  private final String address;
  private final int port;

  TcpCheck(String name, String address, int port) {
    this.name = name;
    this.address = address;
    this.port = port;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Observation run(Duration timeout) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      return Observation.ok(name, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException | RuntimeException e) {
      return Observation.failed(name, Duration.ofNanos(System.nanoTime() - start),
          "port " + port + ": " + Errors.describe(e));
    }
  }
}
