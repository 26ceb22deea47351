package com.conobium.gardien.reconciler.maintenance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A monthly maintenance window such as {@code first Sunday 03:00}, in the server's time zone: the
 * first (second, third, fourth or last) given weekday of each month, at the given local time.
 * A time that does not exist that day (a daylight-saving gap) moves forward by the gap. Pure.
 *
 * @param ordinal 1 to 4 for first to fourth, -1 for last
 */
public record MaintenanceWindow(int ordinal, DayOfWeek day, LocalTime time, ZoneId zone) {
  private static final String[] ORDINALS = {"first", "second", "third", "fourth"};

  /** Reads {@code maintenance.window} (validated by the model's pattern) in {@code zone}. */
  public static MaintenanceWindow parse(String window, ZoneId zone) {
    String[] f = window.strip().split("\\s+");
    if (f.length != 3) {
      throw new IllegalArgumentException("not a maintenance window: " + window);
    }
    int ordinal = f[0].equals("last") ? -1 : java.util.List.of(ORDINALS).indexOf(f[0]) + 1;
    if (ordinal == 0) {
      throw new IllegalArgumentException("not a maintenance window: " + window);
    }
    return new MaintenanceWindow(ordinal, DayOfWeek.valueOf(f[1].toUpperCase(Locale.ROOT)), LocalTime.parse(f[2]),
        zone);
  }

  /** The window's start in {@code month}. */
  public Instant in(YearMonth month) {
    LocalDate first = month.atDay(1);
    LocalDate date = ordinal < 0
        ? month.atEndOfMonth().with(TemporalAdjusters.previousOrSame(day))
        : first.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  /** The first start strictly after {@code after}. */
  public Instant next(Instant after) {
    YearMonth month = YearMonth.from(after.atZone(zone));
    Instant candidate = in(month);
    return candidate.isAfter(after) ? candidate : in(month.plusMonths(1));
  }

  /** The last start at or before {@code atOrBefore}. */
  public Instant previous(Instant atOrBefore) {
    YearMonth month = YearMonth.from(atOrBefore.atZone(zone));
    Instant candidate = in(month);
    return candidate.isAfter(atOrBefore) ? in(month.minusMonths(1)) : candidate;
  }
}
