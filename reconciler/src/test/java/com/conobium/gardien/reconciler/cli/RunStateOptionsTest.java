package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code gardien run --state-url}: a wrong URL or an unreachable database is one clear message. */
class RunStateOptionsTest {
  // picocli prints usage errors on its own stream; their wording is in StateLocationTest
  @Test
  void aStateUrlOfAnotherKindIsAUsageError() {
    CliRun r = CliRun.of("run", "/nonexistent/fleet.git", "--state-url", "jdbc:mysql://db1/gardien");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aPasswordInTheStateUrlIsAUsageError() {
    CliRun r = CliRun.of("run", "/nonexistent/fleet.git", "--state-url",
        "jdbc:postgresql://db1/gardien?user=g&password=hunter2");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void anUnreachableStateDatabaseStopsTheStartWithItsUrl() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closed + "/gardien";

    CliRun r = CliRun.of("run", "/nonexistent/fleet.git", "--listen", "127.0.0.1:0", "--state-url", url);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.stderr()).contains("could not start: could not open the state database " + url);
  }

  @Test
  void aKeepHistoryOfNothingOrOfNoDurationIsAUsageError() {
    CliRun zero = CliRun.of("run", "/nonexistent/fleet.git", "--keep-history", "0d");
    CliRun weeks = CliRun.of("run", "/nonexistent/fleet.git", "--keep-history", "2w");

    assertThat(zero.exitCode()).as(zero.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(weeks.exitCode()).as(weeks.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(new DurationConverter().convert("30d")).isEqualTo(java.time.Duration.ofDays(30));
  }
}
