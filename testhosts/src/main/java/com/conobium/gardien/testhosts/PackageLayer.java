package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached read-only layer over the base image with Debian packages installed as Gardien installs
 * them ({@code apt-get install --no-install-recommends}). Built once, on first use, under the
 * cache's lock: a host booted over the base installs them through the apt proxy, is powered off
 * cleanly, and its overlay's upper directory is kept, minus what belongs to that one host (SSH
 * host keys, name, machine id, apt proxy file, journal, temporary files, package lists and
 * downloads).
 *
 * @param name the layer's directory in the cache, e.g. {@code layer-web-trixie}
 * @param packages what the layer adds to the base image
 * @param namePrefix the building host's name prefix
 */
record PackageLayer(String name, List<String> packages, String namePrefix) {
  private static final Logger log = LoggerFactory.getLogger(PackageLayer.class);

  /** Files of the building host that must not reach other hosts, relative to the root. */
  private static final List<String> HOST_OWN = List.of(
      "etc/ssh/ssh_host_ed25519_key", "etc/ssh/ssh_host_ed25519_key.pub",
      "etc/ssh/ssh_host_ecdsa_key", "etc/ssh/ssh_host_ecdsa_key.pub",
      "etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_rsa_key.pub", "etc/hostname",
      "etc/hosts", "etc/machine-id", "etc/apt/apt.conf.d/00testhosts-proxy",
      "var/lib/systemd/random-seed", "var/lib/systemd/credential.secret", "root/.bash_history");

  /** The layer, built on first use; {@code bootBase} boots a host over the base image alone. */
  Path get(CacheDir cache, Function<HostOptions, TestHost> bootBase) {
    return cache.once(name, target -> build(target, bootBase));
  }

  private void build(Path target, Function<HostOptions, TestHost> bootBase) {
    long start = System.nanoTime();
    log.info("building the layer {} in {} (once): {}", name, target, packages);
    TestHost host = bootBase.apply(HostOptions.defaults().withNamePrefix(namePrefix));
    try {
      host.check("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
          + " --no-install-recommends -o Dpkg::Options::=--force-confdef " + String.join(" ", packages));
      host.check("apt-get clean && rm -rf /var/lib/apt/lists/*");
      Path upper = host.closeKeepingUpper(target.resolveSibling(target.getFileName() + ".tmp"));
      for (String own : HOST_OWN) {
        Files.deleteIfExists(upper.resolve(own));
      }
      Commands.check(Duration.ofMinutes(1), List.of("rm", "-rf",
          upper.resolve("var/log/journal").toString(), upper.resolve("tmp").toString(),
          upper.resolve("var/tmp").toString()));
      Files.move(upper, target);
    } catch (IOException e) {
      throw new TestHostException("cannot make the layer " + target, e);
    } finally {
      host.close();
    }
    log.info("layer {} ready in {} s", name, (System.nanoTime() - start) / 1_000_000_000);
  }
}
