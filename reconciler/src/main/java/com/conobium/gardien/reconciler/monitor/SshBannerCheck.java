package com.conobium.gardien.reconciler.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The SSH port answers with an SSH banner ({@code SSH-2.0-…}): TCP and sshd both up. */
final class SshBannerCheck implements Check {
  /** The check's name. */
  static final String NAME = "ssh";

  private final String address;
  private final int port;

  SshBannerCheck(String address, int port) {
    this.address = address;
    this.port = port;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Observation run(Duration timeout) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      String banner = firstLine(socket.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return banner.startsWith("SSH-")
          ? Observation.ok(name(), took)
          : Observation.failed(name(), took, "port " + port + " answers without an SSH banner");
    } catch (IOException e) {
      return Observation.failed(name(), Duration.ofNanos(System.nanoTime() - start),
          "port " + port + ": " + Errors.describe(e));
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while (line.length() < 256 && (c = in.read()) >= 0 && c != '\n') {
      line.append((char) c);
    }
    return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.US_ASCII).strip();
  }
}
