package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.Secret;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one server's backup should be.
 *
 * @param enabled whether the backup is installed; when false Gardien's timer, units, script and
 *     configuration are removed (the repository on the space is left alone)
 * @param server the server's name, which is also the snapshots' host name
 * @param space how the server reaches its repository; empty when the Fleet has no usable
 *     backupSpace, see {@code spaceProblem}
 * @param replicas the further spaces the snapshots are copied to, in the Fleet's order (replica 1,
 *     2…); empty without replicas or without a space
 * @param spaceProblem why {@code space} is empty; null otherwise
 * @param time local time of the nightly run, {@code HH:MM}
 * @param paths the paths backed up, nested paths removed, sorted
 * @param databases whether every MariaDB database is dumped into the backup
 * @param keepDaily snapshots kept one a day, for this many days
 * @param keepMonthly snapshots kept one a month, for this many months
 * @param password the repository password; null when disabled or without a space
 * @param key the SSH key for the space; null when disabled or without a space
 */
public record BackupDesired(
    boolean enabled,
    String server,
    Optional<BackupSpaceAccess> space,
    List<BackupSpaceAccess> replicas,
    String spaceProblem,
    String time,
    List<String> paths,
    boolean databases,
    int keepDaily,
    int keepMonthly,
    Secret password,
    BackupKey key) {
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  public BackupDesired {
    paths = List.copyOf(paths);
    replicas = List.copyOf(replicas);
    if (!TIME.matcher(time).matches()) {
      throw new IllegalArgumentException("not a time of day HH:MM: " + time);
    }
    if (!SERVER.matcher(server).matches()) {
      throw new IllegalArgumentException("not a server name usable as a snapshot host: " + server);
    }
    if (keepDaily < 1 || keepMonthly < 1) {
      throw new IllegalArgumentException("retention must keep at least one daily and one monthly snapshot");
    }
    for (String path : paths) {
      if (!path.startsWith("/") || path.contains("\n") || path.contains("\r")) {
        throw new IllegalArgumentException("not an absolute path on one line: " + path);
      }
    }
    if (enabled && space.isPresent() && (password == null || key == null)) {
      throw new IllegalArgumentException("an installed backup needs its password and key");
    }
  }

  /** Every space in order: the primary ({@code gardien-space-0}), then the replicas. */
  public List<BackupSpaceAccess> spaces() {
    List<BackupSpaceAccess> all = new java.util.ArrayList<>();
    space.ifPresent(all::add);
    all.addAll(replicas);
    return all;
  }
}
