package com.conobium.gardien.reconciler.maintenance;

import com.conobium.gardien.modules.spi.Expectations;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * What the operations need to know of one server besides what they read on it: what its manifest
 * implies, since when the month's facts count, and last month's readings. Pure data, built by the
 * {@link MaintenanceRunner}'s caller from the manifest and the state database.
 *
 * @param server the server's name
 * @param address the address the port scan reaches it on
 * @param zone the server's time zone (its logs' times are local)
 * @param expected the units, ports and jails its modules imply
 * @param manifestPackages the packages its manifest installs (never purged)
 * @param since the start of the period the logs, bans and backups are read for: the last
 *     maintenance run, or 31 days ago
 * @param now when this run started
 * @param diskWarningPercent from this percentage of space or inodes used, a mount warns
 * @param diskFailurePercent from this percentage, it fails
 * @param previousDiskUse last month's used percentage of each mount, for the growth
 * @param dryRun whether upgrades and purge only say what they would do
 */
public record MaintenanceContext(
    String server,
    String address,
    ZoneId zone,
    Expectations expected,
    Set<String> manifestPackages,
    Instant since,
    Instant now,
    int diskWarningPercent,
    int diskFailurePercent,
    Map<String, Integer> previousDiskUse,
    boolean dryRun) {
  public MaintenanceContext {
    manifestPackages = Set.copyOf(manifestPackages);
    previousDiskUse = Map.copyOf(previousDiskUse);
  }
}
