package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Target;

/**
 * Work done from the controller after a server's apply, by {@code gardien apply} and by the
 * daemon alike: ordering and renewing ACME certificates now (port 80 serves the challenge webroot
 * once the server is converged); the outside port scan of the maintenance later.
 */
public interface ControllerStage {
  /** A stage with no work. */
  ControllerStage NONE = new ControllerStage() {
    @Override
    public boolean due(Target target) {
      return false;
    }

    @Override
    public ServerOutcome after(Target target, ServerOutcome applied, ApplyListener progress) {
      return applied;
    }
  };

  /**
   * Whether the stage has work for {@code target} now, known from the controller's own state (no
   * round trip): a server in sync still runs the stage when it is due (a certificate to renew).
   */
  boolean due(Target target);

  /**
   * Runs after {@code target}'s apply (or after its plan, when it had no drift); returns
   * {@code applied} with the stage's own results merged in. Does nothing when not due.
   */
  ServerOutcome after(Target target, ServerOutcome applied, ApplyListener progress);
}
