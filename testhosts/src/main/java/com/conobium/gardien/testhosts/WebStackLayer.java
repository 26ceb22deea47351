package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached read-only layer over the base image with the web packages installed as Gardien installs
 * them ({@code apt-get install --no-install-recommends}): a host booted over it skips about 70 s of
 * dpkg. Built once, on first use, by booting a base host, installing through the apt proxy,
 * powering it off cleanly and keeping its overlay's upper directory, minus what belongs to that one
 * host (SSH host keys, name, machine id, apt proxy file, journal, package lists and downloads).
 */
final class WebStackLayer {
  private static final Logger log = LoggerFactory.getLogger(WebStackLayer.class);

  /** What the layer adds to the base image. */
  static final List<String> PACKAGES =
      List.of("nginx", "php8.4-fpm", "mariadb-server", "fail2ban", "nftables", "chrony");

  /** Files of the building host that must not reach other hosts, relative to the root. */
  private static final List<String> HOST_OWN = List.of(
      "etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub",
      "etc/ssh/ssh_host_ecdsa_key", "etc/ssh/ssh_host_ecdsa_key.pub",
      "etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_rsa_key.pub", "etc/hostname",
      "etc/hosts", "etc/machine-id", "etc/apt/apt.conf.d/00testhosts-proxy",
      "var/lib/systemd/random-seed", "var/lib/systemd/credential.secret", "root/.bash_history");

  private WebStackLayer() {}

  /**
   * The layer, built on first use under the cache's lock; {@code bootBase} boots a host over the
   * base image alone with the given options.
   */
  static Path get(CacheDir cache, Function<HostOptions, TestHost> bootBase) {
    return cache.once("layer-web-trixie", target -> build(target, bootBase));
  }

  private static void build(Path target, Function<HostOptions, TestHost> bootBase) {
    long start = System.nanoTime();
    log.info("building the web-stack layer in {} (once; about 90 s): {}", target, PACKAGES);
    TestHost host = bootBase.apply(HostOptions.defaults().withNamePrefix("gdnweb"));
    try {
      host.check("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
          + " --no-install-recommends -o Dpkg::Options::=--force-confdef " + String.join(" ", PACKAGES));
      host.check("apt-get clean && rm -rf /var/lib/apt/lists/*");
      Path upper = host.closeKeepingUpper(target.resolveSibling(target.getFileName() + ".tmp"));
      for (String own : HOST_OWN) {
        Files.deleteIfExists(upper.resolve(own));
      }
      Commands.check(java.time.Duration.ofMinutes(1), List.of("rm", "-rf",
          upper.resolve("var/log/journal").toString(), upper.resolve("tmp").toString(),
          upper.resolve("var/tmp").toString()));
      Files.move(upper, target);
    } catch (IOException e) {
      throw new TestHostException("cannot make the web-stack layer " + target, e);
    } finally {
      host.close();
    }
    log.info("web-stack layer ready in {} s", (System.nanoTime() - start) / 1_000_000_000);
  }
}
