package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.reconciler.engine.ModuleOutcome.Status;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit status of a plan or apply: a failure, else drift, else a failed check, else 0. */
class FleetRunExitCodeTest {
  static final CheckResult FAILED_CHECK = CheckResult.of("certificate of site shop", false, "a certificate",
      "no certificate issued yet; gardien apply orders a new one");
  static final CheckResult PASSED_CHECK = CheckResult.of("swap", true, "swap", "swap");
  static final Change CHANGE = Change.update("service nginx", "stopped", "running", List.of());

  static ServerOutcome server(String name, ModuleOutcome... modules) {
    return new ServerOutcome(name, List.of(modules), null, 1, Duration.ZERO);
  }

  static ModuleOutcome module(Status status, List<Change> changes, CheckResult... checks) {
    return new ModuleOutcome("m", changes, List.of(checks), status, status == Status.FAILED ? "broke" : null, 0);
  }

  @Test
  void driftWithAPendingCertificateIsDrift() {
    assertThat(FleetRun.exitCode(List.of(server("web1", module(Status.DRIFT, List.of(CHANGE)),
        module(Status.IN_SYNC, List.of(), FAILED_CHECK))))).isEqualTo(ExitCode.DRIFT);
    assertThat(FleetRun.exitCode(List.of(server("web1", module(Status.IN_SYNC, List.of(), FAILED_CHECK)),
        server("web2", module(Status.DRIFT, List.of(CHANGE)))))).as("across servers too").isEqualTo(ExitCode.DRIFT);
  }

  @Test
  void aFailedCheckAloneIsFiveAndAFailureWinsOverEverything() {
    assertThat(FleetRun.exitCode(List.of(server("web1", module(Status.IN_SYNC, List.of(), FAILED_CHECK, PASSED_CHECK)))))
        .isEqualTo(ExitCode.FAILED_CHECKS);
    assertThat(FleetRun.exitCode(List.of(server("web1", module(Status.DRIFT, List.of(CHANGE), FAILED_CHECK)),
        server("web2", module(Status.FAILED, List.of()))))).isEqualTo(ExitCode.FAILURE);
    assertThat(FleetRun.exitCode(List.of(new ServerOutcome("web3", List.of(), "unreachable", 1, Duration.ZERO),
        server("web1", module(Status.DRIFT, List.of(CHANGE)))))).isEqualTo(ExitCode.FAILURE);
    assertThat(FleetRun.exitCode(List.of(server("web1", module(Status.IN_SYNC, List.of(), PASSED_CHECK)),
        server("web2", module(Status.CONVERGED, List.of()))))).isEqualTo(ExitCode.OK);
  }
}
