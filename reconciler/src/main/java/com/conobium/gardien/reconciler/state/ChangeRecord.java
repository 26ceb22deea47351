package com.conobium.gardien.reconciler.state;

/**
 * One change of a run, as people see it: sensitive values are already masked in {@code line}
 * (see {@code engine.Display}); no secret value is ever stored.
 *
 * @param module the module's name
 * @param line the masked display line, e.g. {@code ~ file /etc/x: "a" -> "b"}
 * @param status drift found, or applied, or failed
 * @param error why it failed; null otherwise
 */
public record ChangeRecord(String module, String line, Status status, String error) {
  /** What became of a change. */
  public enum Status {
    /** Found by the plan and left as it is (detect mode, or not applied). */
    DRIFT,
    /** Applied. */
    APPLIED,
    /** Tried and failed. */
    FAILED;

    /** How it is stored and shown: {@code drift}, {@code applied}, {@code failed}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status stored as {@code label}. */
    static Status parse(String label) {
      return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
