package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.state.LocalPostgres;
import com.conobium.gardien.reconciler.state.StateLocation;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link DaemonTest}, restarts included, with the state database on a real PostgreSQL (one
 * fresh database per test; skipped without PostgreSQL, failing under GARDIEN_REQUIRE_TESTHOSTS=1).
 */
class DaemonOnPostgresTest extends DaemonTest {
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
  StateLocation stateLocation() throws Exception {
    return postgres.newDatabase("daemon_" + DATABASES.incrementAndGet());
  }
}
