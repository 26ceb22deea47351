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
 * @param guard when not null, the change can cut Gardien off the server (SSH, firewall): the
 *     engine backs up the guard's files, has the server restore them by itself after a delay, and
 *     cancels that only once it has opened a new connection after the change
 */
public record Change(
    String resource,
    Action action,
    String before,
    String after,
    boolean sensitive,
    List<Step> steps,
    Guard guard) {
  public Change {
    steps = List.copyOf(steps);
  }

  public Change(
      String resource, Action action, String before, String after, boolean sensitive, List<Step> steps) {
    this(resource, action, before, after, sensitive, steps, null);
  }

  /** The same change, guarded against locking Gardien out. */
  public Change guarded(Guard guard) {
    return new Change(resource, action, before, after, sensitive, steps, guard);
  }

  /**
   * What a risky change puts at stake, and how the server undoes it by itself.
   *
   * @param paths files the change replaces; restored as they were (or removed if they did not exist)
   * @param restore the command that re-activates the restored files, e.g. {@code nft -f /etc/nftables.conf}
   */
  public record Guard(List<String> paths, String restore) {
    public Guard {
      paths = List.copyOf(paths);
    }
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
    return new Change(resource, action, before, after, true, steps, guard);
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

  /** What replaces a sensitive value in every output. */
  public static final String MASK = "(sensitive value)";

  /** {@code + package nginx}. */
  public String title() {
    return action.sign() + " " + resource;
  }

  /** {@code value} as people may see it: the mask when the change is sensitive. */
  public String shown(String value) {
    return value == null ? null : sensitive ? MASK : value;
  }

  /** The change in one line, as every output shows it: {@code ~ file /etc/x: a -> b}, masked when sensitive. */
  public String line() {
    String shownBefore = shown(before);
    String shownAfter = shown(after);
    return switch (action) {
      case ADD -> title() + (shownAfter == null ? "" : ": " + shownAfter);
      case REMOVE -> title() + (shownBefore == null ? "" : ": " + shownBefore);
      case CHANGE -> title() + ": " + shownBefore + " -> " + shownAfter;
    };
  }
}
