package com.conobium.gardien.reconciler.maintenance;

/** The result of one maintenance operation, as the report shows it. */
public enum Verdict {
  OK("ok"),
  WARNING("warning"),
  FAILED("failed"),
  NOT_APPLICABLE("not applicable");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** How people read it: {@code ok}, {@code warning}, {@code failed}, {@code not applicable}. */
  public String label() {
    return label;
  }

  /** The value of {@code gardien_maintenance_check_status}: 0 ok, 1 warning, 2 failed, -1 not applicable. */
  public int metricValue() {
    return switch (this) {
      case OK -> 0;
      case WARNING -> 1;
      case FAILED -> 2;
      case NOT_APPLICABLE -> -1;
    };
  }

  /** Whether it needs an operator's look (a warning or a failure). */
  public boolean needsAttention() {
    return this == WARNING || this == FAILED;
  }

  /** The verdict read back from its {@link #label()}. */
  public static Verdict ofLabel(String label) {
    for (Verdict v : values()) {
      if (v.label.equals(label)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a verdict: " + label);
  }
}
