package com.conobium.gardien.testhosts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Boots throwaway Debian 13 servers on this machine. Prepares once what every host shares — the
 * cached base image, the harness key, the caching apt proxy — and closes every host it booted,
 * then the proxy, when closed.
 */
public final class TestHosts implements AutoCloseable {
  /** Set to 1 to make tests fail, not skip, when test hosts cannot run here. */
  public static final String REQUIRE_ENV = "GARDIEN_REQUIRE_TESTHOSTS";

  private final Path base;
  private final Path harnessKey;
  private final Path runDir;
  private final AptProxy proxy;
  private final List<TestHost> hosts = new ArrayList<>();

  private TestHosts(Path base, Path harnessKey, Path runDir, AptProxy proxy) {
    this.base = base;
    this.harnessKey = harnessKey;
    this.runDir = runDir;
    this.proxy = proxy;
  }

  /** Why test hosts cannot run on this machine, or empty when they can. */
  public static Optional<String> unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("test hosts need root (systemd-nspawn, mount); run the tests as root: sudo ./scripts/test");
    }
    for (String tool : List.of("systemd-nspawn", "debootstrap", "apt-cacher-ng", "nsenter", "ssh-keygen")) {
      boolean found = Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool));
      if (!found) {
        return Optional.of("test hosts need '" + tool + "', which is not installed; run ./scripts/install-test-deps");
      }
    }
    return Optional.empty();
  }

  /** Prepares the shared pieces; builds the base image on first use. */
  public static TestHosts start(CacheDir cache) {
    unavailableReason().ifPresent(reason -> {
      throw new TestHostException(reason);
    });
    BaseImage image = new BaseImage(cache);
    Path base = image.root();
    Path key = image.harnessKey();
    // Test hosts reach each other (and nothing else) through this machine.
    Commands.run(Duration.ofSeconds(10), List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
    AptProxy proxy = AptProxy.ensure(cache);
    return new TestHosts(base, key, cache.path().resolve("run"), proxy);
  }

  /** A freshly installed server, its apt going through the caching proxy. */
  public TestHost boot() {
    return boot(HostOptions.defaults());
  }

  public synchronized TestHost boot(HostOptions options) {
    TestHost host = TestHost.boot(base, harnessKey, runDir, options);
    hosts.add(host);
    return host;
  }

  /** The private key root logs in with on every host. */
  public Path harnessKey() {
    return harnessKey;
  }

  @Override
  public synchronized void close() {
    for (TestHost h : hosts) {
      h.close();
    }
    hosts.clear();
    proxy.close();
  }
}
