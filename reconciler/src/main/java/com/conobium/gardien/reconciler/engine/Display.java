package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;

/** How changes look to people, with sensitive values masked everywhere. */
public final class Display {
  /** What replaces a sensitive value in every output. */
  public static final String MASK = "(sensitive value)";

  private static final int TAIL = 600;

  private Display() {}

  /** {@code + package nginx}. */
  public static String title(Change change) {
    return change.action().sign() + " " + change.resource();
  }

  /** {@code ~ file /etc/x: "a" -> "b"}, masked when sensitive. */
  public static String line(Change change) {
    String before = value(change, change.before());
    String after = value(change, change.after());
    return switch (change.action()) {
      case ADD -> title(change) + (after == null ? "" : ": " + after);
      case REMOVE -> title(change) + (before == null ? "" : ": " + before);
      case CHANGE -> title(change) + ": " + before + " -> " + after;
    };
  }

  /** The value as shown, or the mask. */
  public static String value(Change change, String value) {
    if (value == null) {
      return null;
    }
    return change.sensitive() ? MASK : value;
  }

  /** The end of a long text, for error messages. */
  static String tail(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() <= TAIL ? t : "…" + t.substring(t.length() - TAIL);
  }
}
