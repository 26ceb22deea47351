package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import com.conobium.gardien.reconciler.monitor.MonitorTask;
import com.conobium.gardien.reconciler.monitor.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The verification of a server after the maintenance rebooted it, for {@code maintain} and the
 * daemon alike: the monitoring's checks pass as a visitor sees them (SSH, every site, the added
 * checks), and the drift plan finds nothing to change.
 */
final class AfterReboot {
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  private AfterReboot() {}

  /** Empty when the server is well, else what is wrong. */
  static Optional<String> problem(ReconcilerFactory.Session session, Server server, Target target) {
    List<String> failed = MonitorTask.visit(server, CHECK_TIMEOUT).stream().filter(Observation::failedDeciding)
        .map(o -> o.check() + ": " + o.error()).toList();
    if (!failed.isEmpty()) {
      return Optional.of("its checks fail: " + String.join("; ", failed));
    }
    ServerOutcome outcome = session.reconciler().plan(target);
    if (outcome.unreachable() || outcome.hasFailures()) {
      return Optional.of("its drift plan failed");
    }
    return outcome.hasDrift() ? Optional.of("it differs from its manifest") : Optional.empty();
  }
}
