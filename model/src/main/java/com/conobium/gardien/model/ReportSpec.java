package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The monthly report the daemon makes of the month before and mails (docs/report.md).
 *
 * @param enabled whether the daemon makes and mails it (default true)
 * @param day the day of the month it is made, in the server's time zone (default 1)
 * @param time the time of that day (default 06:00)
 * @param language {@code fr} (default) or {@code en}
 */
public record ReportSpec(
    @JsonPropertyDescription("whether the daemon makes and mails the monthly report (default true)")
    Boolean enabled,
    @JsonPropertyDescription("the day of the month the report of the month before is made (default 1)")
    @NumberRange(min = 1, max = 28) Integer day,
    @JsonPropertyDescription("the time of that day, HH:MM in the server's time zone (default 06:00)")
    @TextPattern(value = Patterns.TIME_OF_DAY, describedAs = "a time of day HH:MM") String time,
    @JsonPropertyDescription("the report's language: fr (default) or en")
    @AllowedValues({"fr", "en"}) String language) {
  public ReportSpec {
    enabled = enabled == null || enabled;
    day = day == null ? 1 : day;
    time = time == null ? "06:00" : time;
    language = language == null ? "fr" : language;
  }
}
