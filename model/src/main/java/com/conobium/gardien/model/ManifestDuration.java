package com.conobium.gardien.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as manifests write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 1d12h},
 * {@code 2w}; {@code 0} is no time at all. Shared by every module that reads one.
 */
public final class ManifestDuration {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+[smhdw])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

  private ManifestDuration() {}

  public static Duration parse(String text) {
    if ("0".equals(text)) {
      return Duration.ZERO;
    }
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
