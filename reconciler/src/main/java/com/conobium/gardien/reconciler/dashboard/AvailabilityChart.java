package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.reconciler.state.CheckHour;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The availability of a server's last days, from the monitoring's hourly counts: one figure a day
 * (rounds passed / rounds run, planned maintenance left out as the report does) and an SVG bar
 * chart of them drawn on the server (no script; the table beside it says the same in words).
 */
final class AvailabilityChart {
  /** One day: its date, how many rounds ran, and the share that passed (null when none ran). */
  record Day(LocalDate date, int rounds, Double availability) {
    String percent() {
      return availability == null ? "no check" : String.format(Locale.ROOT, "%.2f %%", availability * 100);
    }
  }

  static List<Day> days(List<CheckHour> hours, LocalDate last, int count) {
    Map<LocalDate, int[]> byDay = new TreeMap<>();
    for (CheckHour h : hours) {
      if (CheckHour.ROUND.equals(h.check())) {
        int[] sum = byDay.computeIfAbsent(LocalDate.ofInstant(h.hour(), ZoneOffset.UTC), d -> new int[2]);
        sum[0] += h.rounds();
        sum[1] += h.failures();
      }
    }
    List<Day> days = new ArrayList<>();
    for (LocalDate d = last.minusDays(count - 1L); !d.isAfter(last); d = d.plusDays(1)) {
      int[] sum = byDay.get(d);
      days.add(sum == null || sum[0] == 0 ? new Day(d, 0, null)
          : new Day(d, sum[0], (sum[0] - sum[1]) / (double) sum[0]));
    }
    return days;
  }

  /** The bars: 100 % is the full height, no check is a grey stub. */
  static String svg(List<Day> days) {
    int width = 10;
    int height = 60;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"availability, last %d days\" preserveAspectRatio=\"none\""
            + " xmlns=\"http://www.w3.org/2000/svg\">", days.size() * width, height + 2, days.size()));
    for (int i = 0; i < days.size(); i++) {
      Day day = days.get(i);
      double share = day.availability() == null ? 0.04 : Math.max(0.04, day.availability());
      int h = (int) Math.round(share * height);
      String fill = day.availability() == null ? "#bbb" : day.availability() >= 0.999 ? "#2e7d32"
          : day.availability() >= 0.99 ? "#f9a825" : "#c62828";
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
          + "<title>%s: %s</title></rect>", i * width + 1, height - h + 1, width - 2, h, fill, day.date(),
          day.percent()));
    }
    return b.append("</svg>").toString();
  }

  static Instant start(LocalDate last, int count) {
    return last.minusDays(count - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private AvailabilityChart() {}
}
