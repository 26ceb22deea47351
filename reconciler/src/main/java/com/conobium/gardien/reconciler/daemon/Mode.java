package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.ServerSpec;

/** What the daemon does with a server that differs from its manifest. */
public enum Mode {
  /** Converge it. */
  APPLY,
  /** Only report the drift (log lines and metrics); change nothing. */
  DETECT;

  /** The server's {@code reconcile.mode}, or {@code fleetDefault} when the manifest has none. */
  public static Mode of(ServerSpec spec, Mode fleetDefault) {
    String mode = spec.reconcile().mode();
    return mode == null ? fleetDefault : parse(mode);
  }

  /** {@code apply} or {@code detect}, in any case. */
  public static Mode parse(String text) {
    return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
  }

  /** The lower-case name used in manifests, logs and metrics. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
