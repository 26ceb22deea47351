package com.conobium.gardien.modules.packages;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as manifests write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 1d12h}, {@code 2w}. */
final class DurationText {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+[smhdw])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

  private DurationText() {}

  static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "not a duration: " + text + " (expected e.g. 30m, 24h, 1d12h)");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long n = Long.parseLong(part.group(1));
      total =
          total.plus(
              switch (part.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
    }
    return total;
  }
}
