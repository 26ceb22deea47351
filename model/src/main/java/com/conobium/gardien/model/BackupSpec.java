package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Nightly backup to the fleet's backup space.
 *
 * @param enabled whether the backup is installed
 * @param time local time of the nightly run, {@code HH:MM}
 * @param retention how many snapshots are kept
 * @param paths paths included besides the sites
 * @param databases whether every MariaDB database is dumped into the backup
 */
public record BackupSpec(
    @JsonPropertyDescription("whether the backup is installed")
    Boolean enabled,
    @JsonPropertyDescription("local time of the nightly run, HH:MM")
    @TextPattern(value = Patterns.TIME_OF_DAY, describedAs = "a time of day HH:MM") String time,
    @JsonPropertyDescription("how many snapshots are kept")
    Retention retention, @JsonPropertyDescription("paths included besides the sites")
    @TextPattern(value = Patterns.ABSOLUTE_PATH, describedAs = "an absolute path of plain names, such as /var/lib/app (no .. and no shell characters)")
    List<String> paths, @JsonPropertyDescription("whether every MariaDB database is dumped into the backup")
    Boolean databases) {
  public BackupSpec {
    enabled = enabled == null || enabled;
    time = time == null ? "02:30" : time;
    retention = retention == null ? new Retention(null, null) : retention;
    paths = paths == null ? List.of("/etc", "/srv/www") : List.copyOf(paths);
    databases = databases == null || databases;
  }

  /** Snapshots kept: one a day for {@code daily} days and one a month for {@code monthly} months. */
  public record Retention(
      @NumberRange(min = 1, max = 3650) Integer daily, @NumberRange(min = 1, max = 1200) Integer monthly) {
    public Retention {
      daily = daily == null ? 7 : daily;
      monthly = monthly == null ? 6 : monthly;
    }
  }
}
