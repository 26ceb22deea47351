package com.conobium.gardien.reconciler.state;

import java.io.IOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link LocalPostgres} for one test class: started before its first test, stopped after its
 * last. Register it as {@code @RegisterExtension static final PostgresServer postgres = new
 * PostgresServer();} and give each test {@link #newDatabase()}.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
  private LocalPostgres server;
  private int databases;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = LocalPostgres.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** A fresh, empty database on the server, for one test. */
  public synchronized StateLocation newDatabase() throws IOException, InterruptedException {
    return server.newDatabase("gardien_" + ++databases);
  }

  /** The server itself. */
  LocalPostgres server() {
    return server;
  }
}
