package com.conobium.gardien.modules.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupSpaceAccessTest {
  private static final String KEY = BackupFixtures.HOST_KEY;

  @Test
  void eachServerGetsARepositoryBelowTheBasePath() {
    BackupSpaceAccess a = BackupSpaceAccess.of("backup.example.net", 23, "u1", "gardien/", KEY + " comment", "web1")
        .access().orElseThrow();

    assertThat(a.repository()).isEqualTo("sftp:u1@backup.example.net:gardien/web1");
    assertThat(a.knownHostsLine()).isEqualTo("[backup.example.net]:23 " + KEY);
    assertThat(BackupSpaceAccess.of("10.0.0.5", 22, "u1", "/srv/backups", KEY, "web1").access().orElseThrow())
        .satisfies(b -> {
          assertThat(b.repository()).isEqualTo("sftp:u1@10.0.0.5:/srv/backups/web1");
          assertThat(b.knownHostsLine()).isEqualTo("10.0.0.5 " + KEY);
          assertThat(b.describe()).isEqualTo(b.repository());
        });
    assertThat(BackupSpaceAccess.of("h", null, "u1", ".", KEY, "web1").access().orElseThrow().directory())
        .isEqualTo("web1");
  }

  @Test
  void valuesShellOrSshWouldMisreadAreRefusedWithTheReason() {
    assertThat(BackupSpaceAccess.of("h; rm -rf /", 22, "u", "p", KEY, "w").problem()).contains("backupSpace.host");
    assertThat(BackupSpaceAccess.of("h", 22, "u u", "p", KEY, "w").problem()).contains("backupSpace.user");
    assertThat(BackupSpaceAccess.of("h", 22, "u", "a/../b", KEY, "w").problem()).contains("backupSpace.path");
    assertThat(BackupSpaceAccess.of("h", 22, "u", "a b", KEY, "w").problem()).contains("backupSpace.path");
    assertThat(BackupSpaceAccess.of("h", 22, "u", "p", "not a key", "w").problem()).contains("backupSpace.hostKey");
    assertThat(BackupSpaceAccess.of("h", 22, null, "p", KEY, "w").access()).isEmpty();
  }
}
