package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test JVM killed with its host still running (as a CI timeout or the OOM killer does it): the
 * next harness to start stops that host and removes its overlay and interface; a host whose JVM
 * lives is left alone.
 */
@ExtendWith(DebianHostExtension.class)
class OrphanHostsIT {
  @Test
  void aHostLeftByAKilledJvmIsStoppedAndRemovedAndALiveOneIsNot(TestHost live, @TempDir Path work)
      throws Exception {
    Path env = work.resolve("host.env");
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DemoHost.class.getName(), env.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("jvm.log").toFile()).start();
    Map<String, String> host;
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!Files.exists(env)) {
        assertThat(jvm.isAlive()).as(Files.readString(work.resolve("jvm.log"))).isTrue();
        assertThat(System.nanoTime()).as("the child JVM booted no host").isLessThan(deadline);
        Thread.sleep(200);
      }
      Properties p = new Properties();
      p.load(Files.newBufferedReader(env));
      host = Map.of("name", p.getProperty("HOST_NAME"), "address", p.getProperty("HOST_ADDRESS"));
    } finally {
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs, the host stays up
      jvm.waitFor(30, TimeUnit.SECONDS);
    }
    String name = host.get("name");
    Path hosts = CacheDir.fromEnvironment().path().resolve("run").resolve("hosts");
    assertThat(HostNetwork.exists(name)).as("the killed JVM's host still runs").isTrue();
    assertThat(Files.isDirectory(hosts.resolve(name))).isTrue();
    assertThat(sshAnswers(host.get("address"))).isTrue();
    long nspawn = Files.readAllLines(hosts.resolve(name).resolve(OrphanHosts.MARKER)).stream()
        .filter(l -> l.startsWith("nspawn=")).mapToLong(l -> Long.parseLong(l.substring(7))).findFirst().orElseThrow();
    assertThat(ProcessHandle.of(nspawn).filter(ProcessHandle::isAlive)).isPresent();

    assertThat(OrphanHosts.sweep(hosts)).containsExactly(name);

    assertThat(HostNetwork.exists(name)).as("its interface is gone").isFalse();
    assertThat(hosts.resolve(name)).doesNotExist();
    assertThat(ProcessHandle.of(nspawn).filter(ProcessHandle::isAlive)).as("its systemd-nspawn stopped").isEmpty();
    assertThat(sshAnswers(host.get("address"))).as("its address is dropped here, never routed out").isFalse();
    assertThat(live.check("true")).as("the live JVM's host is left alone").isEmpty();
    assertThat(Files.isDirectory(hosts.resolve(live.name()))).isTrue();
  }

  private static boolean sshAnswers(String address) {
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(address, 22), 2000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
