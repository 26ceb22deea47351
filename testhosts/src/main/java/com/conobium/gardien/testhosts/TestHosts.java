package com.conobium.gardien.testhosts;

import java.nio.file.Files;
import java.nio.file.Path;
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

  private final CacheDir cache;
  private final Path base;
  private final Path harnessKey;
  private final Path runDir;
  private final AptProxy proxy;
  private final List<TestHost> hosts = new ArrayList<>();

  private TestHosts(CacheDir cache, Path base, Path harnessKey, AptProxy proxy) {
    this.cache = cache;
    this.base = base;
    this.harnessKey = harnessKey;
    this.runDir = cache.path().resolve("run");
    this.proxy = proxy;
  }

  /** Why test hosts cannot run on this machine, or empty when they can. */
  public static Optional<String> unavailableReason() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("test hosts need root (systemd-nspawn, mount); run the tests as root: sudo ./scripts/test");
    }
    for (String tool : List.of("systemd-nspawn", "debootstrap", "apt-cacher-ng", "nsenter", "ssh-keygen", "ip")) {
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
    OrphanHosts.sweep(cache.path().resolve("run").resolve("hosts"));
    DebianMirror mirror = DebianMirror.of(Path.of("/etc/apt"), System.getenv());
    BaseImage image = new BaseImage(cache, mirror);
    Path base = image.root();
    Path key = image.harnessKey();
    enableForwarding();
    AptProxy proxy = AptProxy.ensure(cache, mirror);
    return new TestHosts(cache, base, key, proxy);
  }

  /**
   * Test hosts reach each other (and the apt proxy, nothing else) through this machine. A
   * blackhole route for the whole test range keeps a packet for a test address with no host (one
   * just stopped, a typo) on this machine instead of sending it to the default gateway; each
   * running host's own /24 route is more specific and wins.
   */
  private static void enableForwarding() {
    try {
      Files.writeString(Path.of("/proc/sys/net/ipv4/ip_forward"), "1\n");
    } catch (java.io.IOException e) {
      throw new TestHostException("cannot enable IPv4 forwarding between test hosts", e);
    }
    Commands.check(java.time.Duration.ofSeconds(10), List.of("ip", "route", "replace", "blackhole", "198.18.0.0/15"));
  }

  /** A freshly installed server, its apt going through the caching proxy. */
  public TestHost boot() {
    return boot(HostOptions.defaults());
  }

  /**
   * Boots a host as {@code options} say; it is closed with this pool at the latest. The first host
   * asking for the web stack builds that layer (about 90 s, once per cache directory).
   */
  public TestHost boot(HostOptions options) {
    List<Path> layers = new ArrayList<>(options.layers());
    if (options.webStack()) {
      layers.add(webStackLayer());
    }
    layers.add(base);
    TestHost host = TestHost.boot(layers, harnessKey, runDir,
        List.of(HostSlot.MACHINE_LOCKS, runDir), options, proxy.port());
    synchronized (this) {
      hosts.add(host);
    }
    return host;
  }

  /** Boots {@code count} hosts with the same options, in order. */
  public List<TestHost> boot(int count, HostOptions options) {
    List<TestHost> booted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      booted.add(boot(options));
    }
    return booted;
  }

  /**
   * The cached layer with {@link WebStackLayer#PACKAGES the web packages} installed, built on first
   * use; {@link HostOptions#withWebStack()} boots a host over it.
   */
  public Path webStackLayer() {
    return WebStackLayer.get(cache, opts -> TestHost.boot(List.of(base), harnessKey, runDir,
        List.of(HostSlot.MACHINE_LOCKS, runDir), opts, proxy.port()));
  }

  /**
   * Writes a Debian 13 root file system with a Java runtime (and curl) to {@code tar}, for
   * {@code podman import}: where no container base image can be pulled, Gardien's image is built
   * on it. Its layer is built on first use (a host installs the packages through the apt proxy).
   */
  public void exportJavaRuntimeRootFs(Path tar) {
    Path layer = JavaRuntimeImage.layer(cache, opts -> TestHost.boot(List.of(base), harnessKey, runDir,
        List.of(HostSlot.MACHINE_LOCKS, runDir), opts, proxy.port()));
    JavaRuntimeImage.export(List.of(layer, base), tar);
  }

  /** The port of the caching apt proxy on the controller's addresses ({@code 3142} normally). */
  public int aptProxyPort() {
    return proxy.port();
  }

  /** The private key root logs in with on every host. */
  public Path harnessKey() {
    return harnessKey;
  }

  /** Closes every host booted here and still running, then lets go of the apt proxy. */
  @Override
  public synchronized void close() {
    for (TestHost h : hosts) {
      try {
        h.close();
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(TestHosts.class).warn("cannot close test host {}", h, e);
      }
    }
    hosts.clear();
    proxy.close();
  }
}
