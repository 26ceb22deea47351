package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.secrets.FileSealedStorage;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret store with its sealed blobs in the state database (H2 here; the SQL is the contract's). */
class DatabaseSealedStorageTest {
  @TempDir Path home;
  StateDatabase db;

  @BeforeEach
  void open() {
    db = StateDatabase.open(StateLocation.embedded(home.resolve("daemon/state")));
  }

  @AfterEach
  void close() {
    db.close();
  }

  SecretStore store() {
    return new SecretStore(home, new DatabaseSealedStorage(db::repository, db.location().toString(),
        new FileSealedStorage(home.resolve("secrets")), Clock.systemUTC()), new SecureRandom(), Clock.systemUTC());
  }

  @Test
  void aGeneratedSecretIsKeptInTheDatabaseAsCiphertextOnly() throws Exception {
    String value = store().getOrCreate("web1", "root", 30).reveal();

    assertThat(store().getOrCreate("web1", "root", 30).reveal()).as("a new store reads it back").isEqualTo(value);
    byte[] sealed = db.repository().sealedSecrets("web1").orElseThrow();
    assertThat(new String(sealed, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("GSS1");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(value);
    assertThat(Files.exists(home.resolve("secrets"))).as("no file written").isFalse();
    assertThat(Files.exists(home.resolve("secret.key"))).as("the key stays a file").isTrue();
  }

  @Test
  void secretsOfTheFileStoreAreReadAndMoveToTheDatabaseAtTheirNextChange() throws Exception {
    SecretStore files = new SecretStore(home, new SecureRandom(), Clock.systemUTC());
    String admin = files.getOrCreate("web1", "admin", 20).reveal();
    byte[] file = Files.readAllBytes(files.file("web1"));

    SecretStore database = store();
    assertThat(database.getOrCreate("web1", "admin", 20).reveal()).isEqualTo(admin);
    assertThat(db.repository().sealedSecrets("web1")).as("reading moves nothing").isEmpty();

    assertThat(database.rotate("web1", List.of("admin"))).containsExactly("admin");

    assertThat(db.repository().sealedSecrets("web1")).isPresent();
    assertThat(database.get("web1", "admin").orElseThrow().reveal()).isNotEqualTo(admin);
    assertThat(Files.readAllBytes(files.file("web1"))).as("the file is left as it was").isEqualTo(file);
  }
}
