package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.state.PostgresServer;
import com.conobium.gardien.reconciler.state.StateLocation;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@link DaemonTest}, restarts included, with the state database on a real PostgreSQL (one
 * fresh database per test; skipped without PostgreSQL, failing under GARDIEN_REQUIRE_TESTHOSTS=1).
 */
class DaemonOnPostgresTest extends DaemonTest {
  @RegisterExtension static final PostgresServer postgres = new PostgresServer();

  @Override
  StateLocation stateLocation() throws Exception {
    return postgres.newDatabase();
  }
}
