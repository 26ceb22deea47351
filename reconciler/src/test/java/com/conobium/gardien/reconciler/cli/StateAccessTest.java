package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.reconciler.state.StateException;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's state database: opened on first use, or ahead of it when it exists already. */
class StateAccessTest {
  @TempDir Path home;

  @Test
  void aDatabaseNotThereYetIsNotOpenedAheadSoACommandThatFailsFirstCreatesNothing() {
    try (StateAccess state = StateAccess.of(home, Map.of())) {
      assertThat(state.openAhead()).isFalse();
    }
    assertThat(home.resolve("state")).doesNotExist();
  }

  @Test
  void anExistingDatabaseIsOpenedAheadAndServesTheFirstUse() {
    try (StateAccess first = StateAccess.of(home, Map.of())) {
      first.repository(); // creates it
    }
    assertThat(home.resolve("state").resolve(StateLocation.EMBEDDED_FILE)).exists();

    try (StateAccess state = StateAccess.of(home, Map.of())) {
      assertThat(state.openAhead()).isTrue();
      assertThat(state.repository()).isNotNull();
    }
  }

  @Test
  void aWrongUrlIsNotOpenedAheadAndIsReportedAtTheFirstUse() {
    try (StateAccess state = StateAccess.of(home, Map.of(StateLocation.URL_ENV, "jdbc:mysql://db/gardien"))) {
      assertThat(state.openAhead()).isFalse();
      assertThatThrownBy(state::repository).isInstanceOf(StateException.class);
    }
  }

  /** A database server that cannot be reached is tried once, not once ahead and again at the first use. */
  @Test
  void aDatabaseThatCannotBeOpenedAheadIsReportedAtTheFirstUseWithoutASecondTry() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (StateAccess state = StateAccess.of(home, Map.of(StateLocation.URL_ENV,
        "jdbc:postgresql://127.0.0.1:" + closedPort + "/gardien", StateLocation.USER_ENV, "gardien"))) {
      assertThat(state.openAhead()).isTrue();
      StateException first = org.junit.jupiter.api.Assertions.assertThrows(StateException.class, state::repository);
      StateException second = org.junit.jupiter.api.Assertions.assertThrows(StateException.class, state::repository);
      assertThat(second).isSameAs(first).hasMessageContaining("127.0.0.1:" + closedPort);
    }
  }

  @Test
  void nothingOpensOnceTheCommandHasClosedIt() throws Exception {
    StateAccess state = StateAccess.of(home, Map.of());
    state.repository();
    state.close();

    assertThatThrownBy(state::repository).isInstanceOf(StateException.class).hasMessageContaining("closed");
    assertThat(Files.exists(home.resolve("state").resolve(StateLocation.EMBEDDED_FILE))).isTrue();
  }
}
