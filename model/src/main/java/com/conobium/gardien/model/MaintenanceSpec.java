package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Monthly maintenance.
 *
 * @param window when it runs, e.g. {@code first Sunday 03:00}
 * @param checks which checks run
 */
public record MaintenanceSpec(@JsonPropertyDescription("when it runs, e.g. first Sunday 03:00")
    @TextPattern(value = "^(first|second|third|fourth|last) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) ([01][0-9]|2[0-3]):[0-5][0-9]$",
        describedAs = "a monthly window such as first Sunday 03:00") String window,
    @JsonPropertyDescription("which checks run")
    List<String> checks) {
  public static final List<String> DEFAULT_CHECKS =
      List.of(
          "upgrades", "purge", "raid", "smart", "diskSpace", "fail2ban", "services", "portScan",
          "errorLogs", "backups");

  public MaintenanceSpec {
    window = window == null ? "first Sunday 03:00" : window;
    checks = checks == null ? DEFAULT_CHECKS : List.copyOf(checks);
  }
}
