package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.ControllerStage;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ServerOutcome;

/** Plans or converges one server: the engine's {@link Reconciler}, or a stand-in in tests. */
public interface ServerReconciler {
  ServerOutcome plan(Target target);

  ServerOutcome apply(Target target, ApplyListener listener);

  /** Forgets {@code target}'s server: what is kept of it (a connection) is let go. Nothing by default. */
  default void release(Target target) {}

  /** The controller's own work after an apply (ACME orders); none by default. */
  default ControllerStage stage() {
    return ControllerStage.NONE;
  }

  /** The engine's reconciler. */
  static ServerReconciler of(Reconciler reconciler) {
    return of(reconciler, ControllerStage.NONE);
  }

  /** The engine's reconciler, followed by {@code stage} after each apply. */
  static ServerReconciler of(Reconciler reconciler, ControllerStage stage) {
    return new ServerReconciler() {
      @Override
      public ControllerStage stage() {
        return stage;
      }

      @Override
      public ServerOutcome plan(Target target) {
        return reconciler.plan(target);
      }

      @Override
      public ServerOutcome apply(Target target, ApplyListener listener) {
        return reconciler.apply(target, listener);
      }

      @Override
      public void release(Target target) {
        reconciler.release(target);
      }
    };
  }
}
