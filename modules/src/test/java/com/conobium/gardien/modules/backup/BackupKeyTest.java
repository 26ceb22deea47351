package com.conobium.gardien.modules.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupKeyTest {
  @TempDir Path dir;

  @Test
  void theSameSecretGivesTheSameKeyAndAnotherSecretAnotherKey() {
    BackupKey a = BackupKey.of(BackupFixtures.secret("a".repeat(64)), "web1");

    assertThat(BackupKey.of(BackupFixtures.secret("a".repeat(64)), "web1").privateKeyFile())
        .isEqualTo(a.privateKeyFile());
    assertThat(BackupKey.of(BackupFixtures.secret("b".repeat(64)), "web1").publicKey())
        .isNotEqualTo(a.publicKey());
    assertThat(a.publicKey()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI").endsWith(" gardien-backup@web1");
  }

  @Test
  void toStringShowsOnlyThePublicKey() {
    BackupKey key = BackupKey.of(BackupFixtures.secret("a".repeat(64)), "web1");

    assertThat(key.toString()).contains(key.publicKey()).doesNotContain("PRIVATE");
  }

  @Test
  void opensshReadsThePrivateKeyAndDerivesTheSamePublicKey() throws Exception {
    BackupKey key = BackupKey.of(BackupFixtures.secret("x7#".repeat(21) + "q"), "web1");
    Path file = dir.resolve("id_backup");
    Files.writeString(file, key.privateKeyFile());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Process keygen = new ProcessBuilder("ssh-keygen", "-y", "-f", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(keygen.getInputStream().readAllBytes()).strip();
    assertThat(keygen.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(keygen.exitValue()).as(out).isZero();
    assertThat(out).isEqualTo(key.publicKey());
  }
}
