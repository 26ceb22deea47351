package com.conobium.gardien.reconciler.maintenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside port scan with nmap (Debian's package; in the container image): every TCP port
 * ({@code -p-}), and, where the process may send raw packets (root, or CAP_NET_RAW), the common
 * UDP ports with a SYN scan for TCP. Without that right it makes TCP connect scans only, and says
 * so. No host discovery ({@code -Pn}: a server that drops pings is still scanned), no DNS.
 */
public final class NmapScanner implements PortScan.Scanner {
  /** The UDP ports scanned: DNS, DHCP, TFTP, NTP, NetBIOS, SNMP, IKE, syslog, RIP, SSDP, mDNS, memcached… */
  static final String UDP_PORTS = "53,67,69,111,123,137,138,161,162,500,514,520,1900,4500,5353,11211";
  private static final long TIMEOUT_MINUTES = 20;
  /**
   * Probes a second at least: all 65,535 TCP ports of a default-deny server (whose dropped probes
   * get no answer, so each waits out its timeout) in about 15 s.
   */
  static final int RATE = 5000;

  private final String nmap;
  private final boolean raw;

  /** A scanner with the nmap on the PATH, raw scans when this process runs as root. */
  public NmapScanner() {
    this("nmap", "root".equals(System.getProperty("user.name")));
  }

  NmapScanner(String nmap, boolean raw) {
    this.nmap = nmap;
    this.raw = raw;
  }

  @Override
  public PortScan.Scan scan(String address) throws PortScan.ScanException {
    List<String> command = new ArrayList<>(List.of(nmap, "-Pn", "-n", "-T4", "--max-retries", "1",
        "--min-rate", String.valueOf(RATE), "-oX", "-"));
    String scope;
    String note = null;
    if (raw) {
      command.addAll(List.of("-sS", "-sU", "-p", "T:1-65535,U:" + UDP_PORTS));
      scope = "tcp 1-65535, udp " + UDP_PORTS;
    } else {
      command.addAll(List.of("-sT", "-p", "1-65535"));
      scope = "tcp 1-65535";
      note = "UDP not scanned: nmap needs raw sockets (root) for it";
    }
    command.add(address);
    Path err = null;
    try {
      err = Files.createTempFile("gardien-nmap", ".err");
      Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new PortScan.ScanException("nmap did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
      if (p.exitValue() != 0) {
        throw new PortScan.ScanException("nmap failed (exit " + p.exitValue() + "): " + Files.readString(err).strip());
      }
      return new PortScan.Scan(new String(out, StandardCharsets.UTF_8), scope, note);
    } catch (IOException e) {
      throw new PortScan.ScanException("nmap could not run (" + e.getMessage() + "): install it (Debian package nmap)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PortScan.ScanException("interrupted");
    } finally {
      if (err != null) {
        try {
          Files.deleteIfExists(err);
        } catch (IOException e) {
          // a temporary file
        }
      }
    }
  }
}
