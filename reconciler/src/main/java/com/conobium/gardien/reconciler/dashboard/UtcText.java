package com.conobium.gardien.reconciler.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the dashboard writes a time: UTC, {@code 2026-12-06 22:45:03} or to the minute. */
final class UtcText {
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private UtcText() {}

  static String second(Instant at) {
    return SECOND.format(at);
  }

  static String minute(Instant at) {
    return MINUTE.format(at);
  }
}
