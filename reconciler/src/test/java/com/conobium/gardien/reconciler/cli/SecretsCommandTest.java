package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsCommandTest {
  @TempDir Path home;

  @Test
  void listPrintsNamesAndDatesNeverValues() {
    Secret root = new SecretStore(home, new SecureRandom(), Clock.systemUTC()).getOrCreate("web1", "root-password", 30);

    CliRun text = CliRun.inHome(home, "secrets", "list", "web1");
    CliRun json = CliRun.inHome(home, "secrets", "list", "web1", "--output=json");

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.stdout()).contains("root-password").contains("created " + root.created());
    assertThat(json.json().get("secrets").get(0).get("name").asText()).isEqualTo("root-password");
    assertThat(text.stdout() + text.stderr() + json.stdout() + json.stderr()).doesNotContain(root.reveal());
  }

  @Test
  void rotateGivesANewValue() {
    SecretStore store = new SecretStore(home, new SecureRandom(), Clock.systemUTC());
    Secret before = store.getOrCreate("web1", "root-password", 30);

    CliRun rotate = CliRun.inHome(home, "secrets", "rotate", "web1", "root-password");

    assertThat(rotate.exitCode()).as(rotate.toString()).isZero();
    assertThat(rotate.stdout()).contains("root-password").doesNotContain(before.reveal());
    Secret after = new SecretStore(home, new SecureRandom(), Clock.systemUTC()).getOrCreate("web1", "root-password", 30);
    assertThat(after.reveal()).isNotEqualTo(before.reveal()).hasSize(30);
    assertThat(rotate.stdout()).doesNotContain(after.reveal());
  }

  @Test
  void unknownSecretAndBrokenStoreFailWithoutLeaking() throws Exception {
    Secret root = new SecretStore(home, new SecureRandom(), Clock.systemUTC()).getOrCreate("web1", "root-password", 30);

    CliRun unknown = CliRun.inHome(home, "secrets", "rotate", "web1", "nope");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(unknown.stderr()).contains("no secret named 'nope'");

    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(home.resolve("secret.key"), other);
    CliRun wrongKey = CliRun.inHome(home, "secrets", "list", "web1");
    assertThat(wrongKey.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(wrongKey.stderr()).contains("not the one they were written with").doesNotContain(root.reveal());
  }
}
