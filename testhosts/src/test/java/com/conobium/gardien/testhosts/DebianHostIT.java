package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself, on real hosts. */
@ExtendWith(DebianHostExtension.class)
class DebianHostIT {

  @Test
  void bootsARealDebian13WithSystemdAndSshd(TestHost host) {
    assertThat(host.check("systemd-detect-virt")).isEqualTo("systemd-nspawn\n");
    assertThat(host.check("cat /proc/1/comm")).isEqualTo("systemd\n");
    assertThat(host.check(". /etc/os-release; echo $VERSION_ID")).isEqualTo("13\n");
    assertThat(host.check("systemctl is-active ssh")).isEqualTo("active\n");
    assertThat(host.check("hostname")).isEqualTo(host.name() + "\n");
    assertThat(host.address()).startsWith("198.18.").endsWith(".2");
  }

  @Test
  void theHostKeysTheHarnessReportsAreTheThreeStockOnesSshdPresents(TestHost host) {
    String scanned = Commands.check(Duration.ofSeconds(30),
        List.of("ssh-keyscan", "-t", "ed25519,ecdsa,rsa", host.address()));
    List<String> presented = scanned.lines().filter(l -> !l.startsWith("#"))
        .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    assertThat(host.hostPublicKeys()).hasSize(3);
    assertThat(host.hostPublicKeys().get(0)).startsWith("ssh-ed25519 ").isEqualTo(host.hostPublicKey());
    assertThat(host.hostPublicKeys().get(1)).startsWith("ecdsa-sha2-nistp256 ");
    assertThat(host.hostPublicKeys().get(2)).startsWith("ssh-rsa ");
    assertThat(presented).containsExactlyInAnyOrderElementsOf(host.hostPublicKeys());
  }

  @Test
  void rootLogsInWithTheHarnessKey(TestHost host) {
    String out = Commands.check(Duration.ofSeconds(30), List.of("ssh", "-i", host.rootKey().toString(),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "root@" + host.address(), "id -un"));
    assertThat(out).isEqualTo("root\n");
  }

  @Test
  void aptWorksThroughTheCachingProxy(TestHost host) {
    ExecResult r = host.exec("apt-get update");
    assertThat(r.exitStatus()).as(r.stderr()).isZero();
    assertThat(host.check("apt-cache policy openssh-server")).contains("Installed:");
  }

  @Test
  void aBareHostHasNoAptProxyAndItsOwnNamePrefix(@HostSpec(aptProxy = false, namePrefix = "bare") TestHost bare) {
    assertThat(bare.name()).startsWith("bare");
    assertThat(bare.exec("ls /etc/apt/apt.conf.d/").stdout()).doesNotContain("proxy");
    assertThat(bare.exec("apt-config dump | grep -i proxy").stdout()).isEmpty();
  }

  @Test
  void aHostPoweredOffAnswersNothingAndPoweredOnComesBackWithItsDisk(TestHosts hosts) throws Exception {
    TestHost host = hosts.boot();
    host.check("echo kept > /root/before-power-off");
    host.powerOff();
    assertThat(host.isRunning()).isFalse();
    try (java.net.Socket s = new java.net.Socket()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> s.connect(new java.net.InetSocketAddress(host.address(), 22), 2000))
          .as("nothing answers at a powered-off host's address").isInstanceOf(java.io.IOException.class);
    }
    host.powerOn();
    assertThat(host.check("cat /root/before-power-off")).isEqualTo("kept\n");
    assertThat(host.check("cat /proc/1/comm")).isEqualTo("systemd\n");
    String scanned = Commands.check(Duration.ofSeconds(30), List.of("ssh-keyscan", "-t", "ed25519", host.address()));
    assertThat(scanned).contains(host.hostPublicKey());
  }

  @Test
  void twoHostsReachEachOtherAndCloseLeavesNothingBehind(TestHosts hosts) throws Exception {
    TestHost a = hosts.boot();
    TestHost b = hosts.boot();
    assertThat(a.address()).isNotEqualTo(b.address());
    assertThat(a.check("ip -4 route")).as("no default route").doesNotContain("default")
        .contains("198.18.0.0/15 via " + a.controllerAddress());
    assertThat(a.exec("ip route get 192.0.2.1").exitStatus()).as("no way out of the test range").isNotZero();
    assertThat(a.hostPublicKeys()).as("each host has keys of its own, as real servers do")
        .doesNotContainAnyElementsOf(b.hostPublicKeys());
    assertThat(a.exec("bash -c 'exec 3<>/dev/tcp/" + b.address() + "/22 && echo open'").stdout())
        .contains("open");
    String name = b.name();
    b.close();
    assertThat(b.isRunning()).isFalse();
    assertThat(Path.of("/sys/class/net/ve-" + name)).doesNotExist();
    assertThat(Commands.run(Duration.ofSeconds(5), List.of("findmnt", "-rn", "-o", "TARGET")).stdout())
        .doesNotContain("/" + name + "/merged");
    assertThat(Files.exists(CacheDir.fromEnvironment().path().resolve("run/hosts/" + name))).isFalse();
    assertThat(a.isRunning()).isTrue();
  }
}
