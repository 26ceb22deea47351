package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;

/** How changes look to people, with sensitive values masked everywhere. */
public final class Display {
  /** What replaces a sensitive value in every output. */
  public static final String MASK = Change.MASK;

  private static final int TAIL = 600;

  private Display() {}

  /** {@code + package nginx}. */
  public static String title(Change change) {
    return change.title();
  }

  /** {@code ~ file /etc/x: "a" -> "b"}, masked when sensitive ({@link Change#line()}). */
  public static String line(Change change) {
    return change.line();
  }

  /** The value as shown, or the mask. */
  public static String value(Change change, String value) {
    return change.shown(value);
  }

  /** The end of a long text, for error messages. */
  static String tail(String text) {
    String t = text == null ? "" : text.strip();
    return t.length() <= TAIL ? t : "…" + t.substring(t.length() - TAIL);
  }
}
