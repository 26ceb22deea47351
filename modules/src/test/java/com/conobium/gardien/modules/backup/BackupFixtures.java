package com.conobium.gardien.modules.backup;

import com.conobium.gardien.model.BackupSpec;
import com.conobium.gardien.model.DatabaseSpec;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.SiteSpec;
import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretsView;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Desired states and facts the backup tests share. */
final class BackupFixtures {
  static final String HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIiFDrBsTNMJ4r7V0VSjd8ZYdoyVo+ocZpkJPo9JKGK1";
  static final String HOST_KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
  static final FleetSpec.BackupSpace SPACE =
      new FleetSpec.BackupSpace("backup.example.net", 23, "u123", "gardien", HOST_KEY + " root@space");
  static final long NOW = 1_790_000_000L;

  private BackupFixtures() {}

  static Secret secret(String value) {
    return new Secret(value, "saltsaltsaltsalt", Instant.EPOCH);
  }

  /** Secrets whose value is the name repeated, so each name has its own stable value. */
  static SecretsView secrets(Map<String, String> values) {
    return (name, length, owner) -> secret(values.getOrDefault(name, (name + "-").repeat(8)));
  }

  static Target target(BackupSpec backup, FleetSpec.BackupSpace space, SecretsView secrets) {
    return target(backup, space, secrets, List.of());
  }

  static Target target(BackupSpec backup, FleetSpec.BackupSpace space, SecretsView secrets,
      List<FleetSpec.BackupSpace> replicas) {
    ServerSpec spec = ServerSpec.builder()
        .database(new DatabaseSpec(true))
        .sites(List.of(new SiteSpec("shop", List.of("shop.example.com"), null, null, null, null, null)))
        .backup(backup)
        .build();
    return new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")),
        new FleetSpec(null, null, space, null, null, null, replicas), secrets);
  }

  static BackupDesired desired() {
    return new BackupModule().desired(target(null, SPACE, secrets(Map.of())));
  }

  static BackupDesired desired(Map<String, String> secretValues) {
    return new BackupModule().desired(target(null, SPACE, secrets(secretValues)));
  }

  static final FleetSpec.BackupSpace REPLICA =
      new FleetSpec.BackupSpace("backup2.example.org", null, "u2", "copies", HOST_KEY2);

  /** The desired backup with one replica, {@link #REPLICA}. */
  static BackupDesired desiredWithReplica() {
    return new BackupModule().desired(target(null, SPACE, secrets(Map.of()), List.of(REPLICA)));
  }

  static BackupFacts withReplicas(BackupFacts f, BackupFacts.Replica... replicas) {
    return new BackupFacts(f.files(), f.timerEnabled(), f.timerActive(), f.now(), f.repository(), f.lastRun(),
        f.lastCheck(), List.of(replicas));
  }

  /** Facts of a server where nothing of the backup exists. */
  static BackupFacts bare() {
    return new BackupFacts(Map.of(), "", "inactive", NOW, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Facts of a server converged to {@code d}, its repository initialised at {@code initialised}. */
  static BackupFacts converged(BackupDesired d, long initialised) {
    Map<String, FileFacts> files = new HashMap<>();
    for (Step.PutFile f : BackupFiles.all(d)) {
      files.put(f.path(), FileFacts.written(f));
    }
    return new BackupFacts(files, "enabled", "active", NOW,
        Optional.of(record("repository", d.space().orElseThrow().repository(), "initialised", Long.toString(initialised))),
        Optional.empty(), Optional.empty());
  }

  static BackupFacts.StateRecord record(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new BackupFacts.StateRecord(values);
  }

  static BackupFacts withRuns(BackupFacts f, BackupFacts.StateRecord lastRun, BackupFacts.StateRecord lastCheck) {
    return new BackupFacts(f.files(), f.timerEnabled(), f.timerActive(), f.now(), f.repository(),
        Optional.ofNullable(lastRun), Optional.ofNullable(lastCheck));
  }
}
