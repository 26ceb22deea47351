package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own apt proxy, when the port is held by something that does not serve Debian. */
@ExtendWith(DebianHostExtension.class)
class AptProxyIT {

  @Test
  void aProxyThatDoesNotServeDebianIsPassedOverForTheHarnessesOwn(TestHosts ignored, @TempDir Path cache)
      throws Exception {
    // A listener that never answers stands for a freshly installed apt-cacher-ng service whose
    // Debian backend is empty ("503 Host not found" for every request).
    // apt-cacher-ng refuses high ports ("Error resolving address for binding"): stay near 3142.
    try (ServerSocket broken = listenerFrom(3160)) {
      int port = broken.getLocalPort();
      DebianMirror mirror = DebianMirror.of(Path.of("/etc/apt"), System.getenv());
      AptProxy proxy = AptProxy.ensure(new CacheDir(cache), port, mirror);
      try {
        assertThat(proxy.port()).isGreaterThan(port);
        assertThat(proxy.started()).isTrue();
        assertThat(AptProxy.serves(proxy.port(), mirror)).isTrue();
      } finally {
        proxy.close();
      }
      assertThat(AptProxy.serves(proxy.port(), mirror)).isFalse();
    }
  }

  private static ServerSocket listenerFrom(int port) throws java.io.IOException {
    for (int p = port; ; p++) {
      try {
        return new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
      } catch (java.net.BindException inUse) {
        if (p > port + 100) {
          throw inUse;
        }
      }
    }
  }
}
