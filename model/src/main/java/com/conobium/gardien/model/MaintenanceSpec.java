package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Monthly maintenance (docs/maintenance.md).
 *
 * @param window when it runs, in the server's time zone ({@code time.timezone}), e.g.
 *     {@code first Sunday 03:00}
 * @param checks which of the ten operations run
 * @param reboot whether a reboot the upgrades need is made in the window ({@code auto}) or only
 *     reported ({@code never})
 * @param diskWarningPercent used space or inodes of a mount from which {@code diskSpace} warns
 * @param diskFailurePercent used space or inodes of a mount from which {@code diskSpace} fails
 */
public record MaintenanceSpec(@JsonPropertyDescription("when it runs, in the server's time zone, e.g. first Sunday 03:00")
    @TextPattern(value = "^(first|second|third|fourth|last) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) ([01][0-9]|2[0-3]):[0-5][0-9]$",
        describedAs = "a monthly window such as first Sunday 03:00") String window,
    @JsonPropertyDescription("which operations run: upgrades, purge, raid, smart, diskSpace, fail2ban, services,"
        + " portScan, errorLogs, backups (default all ten)")
    List<String> checks,
    @JsonPropertyDescription("auto (default): reboot in the window when the upgrades need it; never: only report it")
    @AllowedValues({"auto", "never"}) String reboot,
    @JsonPropertyDescription("used space or inodes (percent) of a mount from which diskSpace warns (default 80)")
    @NumberRange(min = 1, max = 100) Integer diskWarningPercent,
    @JsonPropertyDescription("used space or inodes (percent) of a mount from which diskSpace fails (default 90)")
    @NumberRange(min = 1, max = 100) Integer diskFailurePercent) {
  public static final List<String> DEFAULT_CHECKS =
      List.of(
          "upgrades", "purge", "raid", "smart", "diskSpace", "fail2ban", "services", "portScan",
          "errorLogs", "backups");

  public MaintenanceSpec {
    window = window == null ? "first Sunday 03:00" : window;
    checks = checks == null ? DEFAULT_CHECKS : List.copyOf(checks);
    reboot = reboot == null ? "auto" : reboot;
    diskWarningPercent = diskWarningPercent == null ? 80 : diskWarningPercent;
    diskFailurePercent = diskFailurePercent == null ? 90 : diskFailurePercent;
  }

  /** The defaults with {@code window} and {@code checks}. */
  public MaintenanceSpec(String window, List<String> checks) {
    this(window, checks, null, null, null);
  }

  /** Whether a needed reboot is made in the window. */
  public boolean rebootsInWindow() {
    return "auto".equals(reboot);
  }
}
