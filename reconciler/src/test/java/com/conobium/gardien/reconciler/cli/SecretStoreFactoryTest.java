package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.conobium.gardien.reconciler.secrets.SecretStoreException;
import com.conobium.gardien.reconciler.state.StateDatabase;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which storage the commands' secret store uses. */
class SecretStoreFactoryTest {
  @TempDir Path home;

  @Test
  void withoutAStateUrlSecretsAreFilesInTheHome() {
    SecretStore store = new SecretStoreFactory().create(home, Map.of());

    store.getOrCreate("web1", "root", 30);

    assertThat(store.file("web1")).exists();
  }

  @Test
  void withAStateUrlSecretsGoToThatDatabase() {
    StateLocation location = StateLocation.embedded(home.resolve("shared"));
    SecretStore store = new SecretStoreFactory().create(home, Map.of(StateLocation.URL_ENV, location.url(),
        StateLocation.USER_ENV, location.user()));

    store.getOrCreate("web1", "root", 30);

    assertThat(Files.exists(store.file("web1"))).isFalse();
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(db.repository().sealedSecrets("web1")).isPresent();
    }
  }

  @Test
  void aWrongStateUrlFailsAtTheFirstSecretNamingTheVariable() {
    SecretStore store = new SecretStoreFactory().create(home, Map.of(StateLocation.URL_ENV, "jdbc:mysql://db1/g"));

    assertThatThrownBy(() -> store.getOrCreate("web1", "root", 30))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("GARDIEN_STATE_URL");
  }
}
