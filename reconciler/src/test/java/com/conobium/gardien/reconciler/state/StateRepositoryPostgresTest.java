package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The state repository on a real PostgreSQL server started for this class (see {@link LocalPostgres});
 * each test gets its own empty database.
 */
class StateRepositoryPostgresTest extends StateRepositoryContract {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @Override
  StateLocation freshDatabase() throws Exception {
    return postgres.newDatabase();
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotShowIt() {
    StateLocation wrong = postgres.server().wrongPassword();

    assertThatThrownBy(() -> StateDatabase.open(wrong))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("could not open the state database " + wrong.url())
        .hasMessageContaining("password authentication failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong.password()));
  }
}
