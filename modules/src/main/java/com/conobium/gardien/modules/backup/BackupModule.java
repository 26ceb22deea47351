package com.conobium.gardien.modules.backup;

import com.conobium.gardien.modules.spi.Expectations;
import com.conobium.gardien.model.BackupSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.ProbeScripts;
import com.conobium.gardien.modules.spi.ProbedModule;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nightly backup: restic, over SFTP, to a repository of the server's own on the fleet's backup
 * space ({@code backupSpace}), run by a systemd timer at the manifest's time with a randomised
 * delay. The paths and every MariaDB database (each dumped with {@code --single-transaction} and
 * streamed into its own snapshot) are backed up, then {@code forget --prune} keeps the manifest's
 * daily and monthly snapshots, and once a week {@code restic check} reads part of the data back.
 *
 * <p>The repository password ({@link #PASSWORD_SECRET}) and the SSH key for the space
 * ({@link #KEY_SECRET}, see {@link BackupKey}) come from Gardien's secret store; the key's public
 * half is what the space's operator authorises ({@code gardien backup key SERVER}). The packages
 * module installs restic first. See {@link BackupPlanner} and {@link BackupHealth}.
 */
public final class BackupModule extends ProbedModule<BackupDesired, BackupFacts> {
  public static final String NAME = "backup";
  /** The reading of when the last backup succeeded (Unix time), once one has. */
  public static final String LAST_SUCCESS = "backup_last_success_timestamp_seconds";
  /** The secret holding the restic repository's password. */
  public static final String PASSWORD_SECRET = "backup-repository-password";
  /** The secret the SSH key for the backup space is derived from. */
  public static final String KEY_SECRET = "backup-ssh-key";
  static final int PASSWORD_LENGTH = 48;
  public static final int KEY_SECRET_LENGTH = 64;

  private static final String PROBE = ProbeScripts.load(BackupModule.class, "probe.sh");

  public BackupModule() {
    super(NAME, Set.of("packages"), BackupFacts::parse, new BackupPlanner()::plan);
  }

  /** {@inheritDoc} Here: restic (ssh, openssh-client, comes with openssh-server). */
  @Override
  public Set<String> packages(ServerSpec spec) {
    return spec.backup().enabled() ? Set.of("restic") : Set.of();
  }

  /** {@inheritDoc} Here: the nightly timer, when the backup is on and the Fleet names a usable space. */
  @Override
  public Expectations expectations(ServerSpec spec, FleetSpec fleet) {
    return spec.backup().enabled() && fleet.backupSpace() != null && space(fleet, "probe").access().isPresent()
        ? Expectations.units(BackupFiles.TIMER_UNIT) : Expectations.NONE;
  }

  @Override
  public BackupDesired desired(Target target) {
    ServerSpec spec = target.spec();
    BackupSpec backup = spec.backup();
    String server = target.server().name();
    BackupSpaceAccess.Result space = space(target.fleet(), server);
    List<BackupSpaceAccess> replicas = new ArrayList<>();
    List<FleetSpec.BackupSpace> fleetReplicas = target.fleet().backupReplicas();
    for (int i = 0; i < fleetReplicas.size() && space.access().isPresent(); i++) {
      FleetSpec.BackupSpace r = fleetReplicas.get(i);
      BackupSpaceAccess.Result replica = BackupSpaceAccess.of(r.host(), r.port(), r.user(), r.path(), r.hostKey(), server);
      if (replica.access().isEmpty()) {
        space = new BackupSpaceAccess.Result(Optional.empty(), "backupReplicas[" + i + "]: "
            + replica.problem().replace("backupSpace.", "").replace("the Fleet has no backupSpace with", "it needs"));
        replicas.clear();
        break;
      }
      replicas.add(replica.access().get());
    }
    boolean install = backup.enabled() && space.access().isPresent();
    return new BackupDesired(
        backup.enabled(),
        server,
        backup.enabled() ? space.access() : Optional.empty(),
        backup.enabled() ? replicas : List.of(),
        backup.enabled() ? space.problem() : null,
        backup.time(),
        BackupPaths.of(backup.paths(), spec.sites().stream().map(SiteSpec::name).toList()),
        backup.databases() && spec.database().enabled(),
        backup.retention().daily(),
        backup.retention().monthly(),
        install ? target.secrets().secret(PASSWORD_SECRET, PASSWORD_LENGTH) : null,
        install ? key(target.secrets().secret(KEY_SECRET, KEY_SECRET_LENGTH), server) : null);
  }

  /** The SSH key of {@code server} for the backup space, from its secret. */
  public static BackupKey key(Secret secret, String server) {
    return BackupKey.of(secret, server);
  }

  private static BackupSpaceAccess.Result space(FleetSpec fleet, String server) {
    FleetSpec.BackupSpace s = fleet.backupSpace();
    if (s == null) {
      return new BackupSpaceAccess.Result(Optional.empty(), "the Fleet has no backupSpace");
    }
    return BackupSpaceAccess.of(s.host(), s.port(), s.user(), s.path(), s.hostKey(), server);
  }

  @Override
  public String probe(BackupDesired desired) {
    return "bk_root=\nbk_files=" + Shell.quote(String.join(" ", BackupFiles.ALL)) + "\n" + PROBE;
  }
}
