package com.conobium.gardien.modules.spi;

/** Building POSIX shell text safely. */
public final class Shell {
  private Shell() {}

  /** {@code value} as one single-quoted shell word, whatever characters it holds. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
