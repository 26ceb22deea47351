package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state repository on a real PostgreSQL server started for this class (see {@link LocalPostgres});
 * each test gets its own empty database.
 */
class StateRepositoryPostgresTest extends StateRepositoryContract {
  static LocalPostgres postgres;
  static final AtomicInteger DATABASES = new AtomicInteger();

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = LocalPostgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  StateLocation freshDatabase() throws Exception {
    return postgres.newDatabase("gardien_" + DATABASES.incrementAndGet());
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotShowIt() {
    StateLocation wrong = postgres.wrongPassword();

    assertThatThrownBy(() -> StateDatabase.open(wrong))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("could not open the state database " + wrong.url())
        .hasMessageContaining("password authentication failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong.password()));
  }
}
