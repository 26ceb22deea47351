package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached root file system every test host starts from: a minimal Debian 13 (trixie) as a
 * freshly installed server has it — systemd, openssh-server, apt — with no SSH host keys (each host
 * gets its own) and root's {@code authorized_keys} holding the harness key.
 */
final class BaseImage {
  private static final Logger log = LoggerFactory.getLogger(BaseImage.class);
  private static final List<String> PACKAGES =
      List.of("systemd", "systemd-sysv", "dbus", "openssh-server", "iproute2", "ca-certificates",
          "procps", "iputils-ping", "less", "cron");

  private final CacheDir cache;
  private final DebianMirror mirror;

  BaseImage(CacheDir cache, DebianMirror mirror) {
    this.cache = cache;
    this.mirror = mirror;
  }

  /** The harness's SSH key pair, made once: {@code id_ed25519} and {@code id_ed25519.pub}. */
  Path harnessKey() {
    return cache.once("id_ed25519", key -> {
      Commands.check(Duration.ofSeconds(30),
          List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gardien-testhosts", "-f", key.toString()));
    });
  }

  /** The base root file system, built on first use (about 90 s) and reused afterwards. */
  Path root() {
    Path key = harnessKey();
    return cache.once("base-trixie", target -> build(target, key));
  }

  private void build(Path target, Path key) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    long start = System.nanoTime();
    log.info("building the Debian 13 base image in {} (once; about 90 s)", target);
    Commands.run(Duration.ofMinutes(2), List.of("rm", "-rf", tmp.toString()));
    List<String> cmd = new ArrayList<>(List.of("debootstrap", "--variant=minbase",
        "--include=" + String.join(",", PACKAGES), "trixie", tmp.toString(), mirror.archive()));
    Commands.check(Duration.ofMinutes(20), cmd);
    try {
      for (String k : List.of("rsa", "ecdsa", "ed25519")) {
        Files.deleteIfExists(tmp.resolve("etc/ssh/ssh_host_" + k + "_key"));
        Files.deleteIfExists(tmp.resolve("etc/ssh/ssh_host_" + k + "_key.pub"));
      }
      Files.writeString(tmp.resolve("etc/machine-id"), "");
      Files.writeString(tmp.resolve("etc/hostname"), "localhost\n");
      Path ssh = Files.createDirectories(tmp.resolve("root/.ssh"));
      Files.copy(Path.of(key + ".pub"), ssh.resolve("authorized_keys"));
      Commands.check(Duration.ofSeconds(10), List.of("chmod", "700", ssh.toString()));
      Commands.check(Duration.ofSeconds(10), List.of("chmod", "600", ssh.resolve("authorized_keys").toString()));
      Files.writeString(tmp.resolve("etc/apt/sources.list"), mirror.sourcesList("trixie"));
      Commands.run(Duration.ofMinutes(2), List.of("chroot", tmp.toString(), "apt-get", "clean"));
      Commands.check(Duration.ofMinutes(1), List.of("mv", tmp.toString(), target.toString()));
    } catch (IOException e) {
      throw new TestHostException("cannot configure the base image in " + tmp, e);
    }
    log.info("base image ready in {} s", (System.nanoTime() - start) / 1_000_000_000);
  }
}
