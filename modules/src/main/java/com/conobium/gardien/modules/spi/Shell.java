package com.conobium.gardien.modules.spi;

import java.util.Collection;
import java.util.stream.Collectors;

/** Builds POSIX shell text safely from values that come from manifests. */
public final class Shell {
  private Shell() {}

  /** {@code value} as one single-quoted shell word, whatever characters it holds. */
  public static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Each value quoted, separated by spaces. */
  public static String quoteAll(Collection<String> values) {
    return values.stream().map(Shell::quote).collect(Collectors.joining(" "));
  }
}
