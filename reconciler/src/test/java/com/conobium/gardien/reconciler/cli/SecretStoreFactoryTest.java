package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.secrets.FileSealedStorage;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which storage the commands' secret store uses. */
class SecretStoreFactoryTest {
  @TempDir Path home;

  private SecretStore store(Map<String, String> env, StateAccess[] opened) {
    StateAccess state = StateAccess.of(home, env);
    opened[0] = state;
    return new SecretStoreFactory().create(home, state);
  }

  @Test
  void byDefaultSecretsGoToTheEmbeddedStateDatabaseInTheHomeAndNoFileIsWritten() {
    StateAccess[] state = new StateAccess[1];
    SecretStore store = store(Map.of(), state);

    String value = store.getOrCreate("web1", "root", 30).reveal();
    state[0].close();

    assertThat(Files.exists(store.file("web1"))).isFalse();
    try (StateDatabase db = StateDatabase.open(StateLocation.embedded(home.resolve("state")))) {
      assertThat(db.repository().sealedSecrets("web1")).isPresent();
      assertThat(new String(db.repository().sealedSecrets("web1").get(), java.nio.charset.StandardCharsets.ISO_8859_1))
          .as("only ciphertext is stored").doesNotContain(value);
    }
    SecretStore again = store(Map.of(), state);
    assertThat(again.getOrCreate("web1", "root", 30).reveal()).as("the next command reads it back").isEqualTo(value);
    state[0].close();
  }

  @Test
  void secretsStillInTheOlderFilesAreReadThenMoveToTheDatabaseAtTheirNextChange() {
    SecretStore files = new SecretStore(home, new FileSealedStorage(home.resolve("secrets")), new SecureRandom(),
        Clock.systemUTC());
    String root = files.getOrCreate("web1", "root", 30).reveal();
    StateAccess[] state = new StateAccess[1];
    SecretStore store = store(Map.of(), state);

    assertThat(store.getOrCreate("web1", "root", 30).reveal()).isEqualTo(root);
    store.getOrCreate("web1", "admin", 30);

    assertThat(state[0].repository().sealedSecrets("web1")).isPresent();
    assertThat(store.getOrCreate("web1", "root", 30).reveal()).isEqualTo(root);
    state[0].close();
  }

  @Test
  void withAStateUrlSecretsGoToThatDatabase() {
    StateLocation location = StateLocation.embedded(home.resolve("shared"));
    StateAccess[] state = new StateAccess[1];
    SecretStore store = store(Map.of(StateLocation.URL_ENV, location.url(), StateLocation.USER_ENV, location.user()),
        state);

    store.getOrCreate("web1", "root", 30);
    state[0].close();

    assertThat(Files.exists(store.file("web1"))).isFalse();
    assertThat(home.resolve("state")).doesNotExist();
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(db.repository().sealedSecrets("web1")).isPresent();
    }
  }

  @Test
  void aWrongStateUrlFailsAtTheFirstSecretNamingTheVariable() {
    SecretStore store = store(Map.of(StateLocation.URL_ENV, "jdbc:mysql://db1/g"), new StateAccess[1]);

    assertThatThrownBy(() -> store.getOrCreate("web1", "root", 30))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("GARDIEN_STATE_URL");
  }
}
