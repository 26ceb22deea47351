package com.conobium.gardien.modules.spi;

import java.util.List;

/**
 * One difference between desired and actual state, and the steps that remove it.
 *
 * @param resource what changes, e.g. {@code package nginx} or {@code file /etc/chrony/chrony.conf}
 * @param action add, change or remove
 * @param before the actual value as shown to people (null when absent)
 * @param after the desired value as shown to people (null when removed)
 * @param sensitive whether {@code before} and {@code after} must be masked in every output
 * @param steps what the engine runs on the server, in order
 */
public record Change(
    String resource, Action action, String before, String after, boolean sensitive, List<Step> steps) {
  public Change {
    steps = List.copyOf(steps);
  }

  public static Change add(String resource, String after, List<Step> steps) {
    return new Change(resource, Action.ADD, null, after, false, steps);
  }

  public static Change update(String resource, String before, String after, List<Step> steps) {
    return new Change(resource, Action.CHANGE, before, after, false, steps);
  }

  public static Change remove(String resource, String before, List<Step> steps) {
    return new Change(resource, Action.REMOVE, before, null, false, steps);
  }

  /** The same change with its values masked in every output. */
  public Change masked() {
    return new Change(resource, action, before, after, true, steps);
  }

  /** Shows {@code before} and {@code after} only when the change is not sensitive. */
  @Override
  public String toString() {
    String b = sensitive && before != null ? "(sensitive value)" : before;
    String a = sensitive && after != null ? "(sensitive value)" : after;
    return "Change[resource=" + resource + ", action=" + action + ", before=" + b + ", after=" + a
        + ", sensitive=" + sensitive + ", steps=" + steps + "]";
  }

  /** Kind of change, with the sign plans print for it. */
  public enum Action {
    ADD('+'),
    CHANGE('~'),
    REMOVE('-');

    private final char sign;

    Action(char sign) {
      this.sign = sign;
    }

    public char sign() {
      return sign;
    }
  }
}
