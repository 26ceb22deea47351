package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.modules.spi.Target;
import com.conobium.gardien.reconciler.engine.ApplyListener;
import com.conobium.gardien.reconciler.engine.Reconciler;
import com.conobium.gardien.reconciler.engine.ServerOutcome;

/** Plans or converges one server: the engine's {@link Reconciler}, or a stand-in in tests. */
public interface ServerReconciler {
  ServerOutcome plan(Target target);

  ServerOutcome apply(Target target, ApplyListener listener);

  /** The engine's reconciler. */
  static ServerReconciler of(Reconciler reconciler) {
    return new ServerReconciler() {
      @Override
      public ServerOutcome plan(Target target) {
        return reconciler.plan(target);
      }

      @Override
      public ServerOutcome apply(Target target, ApplyListener listener) {
        return reconciler.apply(target, listener);
      }
    };
  }
}
