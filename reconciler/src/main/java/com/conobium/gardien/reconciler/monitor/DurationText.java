package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;
import java.util.Locale;

/** A duration as the monitoring's mails and commands say it: 45 s, 12 min, 3 h 05 min, 2 d 4 h. */
public final class DurationText {
  private DurationText() {}

  public static String of(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    if (s < 172800) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
    return s / 86400 + " d " + s % 86400 / 3600 + " h";
  }
}
