package com.conobium.gardien.reconciler.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The reboot of the upgrades against a fake server: it is scheduled, the server is awaited until
 * its boot ID changes, then verified; one that does not come back, or comes back different from
 * its manifest, fails the upgrades.
 */
class RebootTest {
  static final Duration FAST = Duration.ofMillis(10);

  /** A server whose boot ID changes after {@code downFor} refused connections once the reboot is asked. */
  static final class FakeServer {
    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger refusals = new AtomicInteger();
    final int downFor;
    volatile boolean rebooted;

    FakeServer(int downFor) {
      this.downFor = downFor;
    }

    RemoteHost connect() throws SshException {
      if (rebooted && refusals.getAndIncrement() < downFor) {
        throw new SshException("connection refused");
      }
      return new RemoteHost() {
        @Override
        public String name() {
          return "web1";
        }

        @Override
        public ExecResult exec(String script, String stdin, Duration timeout) {
          commands.add(script);
          if (script.contains("systemctl reboot")) {
            rebooted = true;
          }
          return new ExecResult(0, rebooted && refusals.get() >= downFor ? "boot-2\n" : "boot-1\n", "");
        }

        @Override
        public void close() {}
      };
    }
  }

  static OperationResult upgradesNeedingReboot() throws Exception {
    return OperationResult.warning("upgrades", "1 package(s) upgraded; a reboot is needed (kernel 6.12.57 installed)",
        new ObjectMapper().readTree("{\"reboot\":{\"needed\":true},\"packages\":[]}"));
  }

  @Test
  void theServerComesBackWithANewBootAndIsVerified() throws Exception {
    FakeServer server = new FakeServer(3);
    OperationResult result = new Reboot(server::connect, Optional::empty, Duration.ofSeconds(5), FAST)
        .rebootAndVerify(upgradesNeedingReboot());
    assertThat(result.verdict()).isEqualTo(Verdict.OK);
    assertThat(result.reason()).isEqualTo("1 package(s) upgraded; rebooted and verified");
    assertThat(result.details().at("/reboot/done").asBoolean()).isTrue();
    assertThat(result.details().at("/reboot/verified").asBoolean()).isTrue();
    assertThat(server.commands).anyMatch(c -> c.startsWith("systemd-run --quiet --on-active=5"));
  }

  @Test
  void aServerThatDiffersFromItsManifestAfterwardsFails() throws Exception {
    FakeServer server = new FakeServer(1);
    OperationResult result = new Reboot(server::connect, () -> Optional.of("it differs from its manifest"),
        Duration.ofSeconds(5), FAST).rebootAndVerify(upgradesNeedingReboot());
    assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(result.reason()).endsWith("; rebooted, but it differs from its manifest");
  }

  @Test
  void aServerThatDoesNotComeBackFails() throws Exception {
    FakeServer server = new FakeServer(Integer.MAX_VALUE);
    OperationResult result = new Reboot(server::connect, Optional::empty, Duration.ofMillis(300), FAST)
        .rebootAndVerify(upgradesNeedingReboot());
    assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(result.reason()).endsWith("; rebooted, and not back within 0 s");
    assertThat(result.details().at("/reboot/done").asBoolean()).isFalse();
  }
}
