package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the state database: Flyway only when the history is not already at the newest migration. */
class StateDatabaseTest {
  @TempDir Path dir;

  @Test
  void theSchemaVersionIsTheNewestMigration() throws Exception {
    URL first = StateDatabase.class.getResource("/db/migration/V1__state.sql");
    Path migrations = Path.of(first.toURI()).getParent();
    int newest;
    try (Stream<Path> files = Files.list(migrations)) {
      newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
    }
    assertThat(StateDatabase.SCHEMA_VERSION).isEqualTo(newest);
  }

  @Test
  void aDatabaseBehindTheNewestMigrationIsStillMigrated() throws Exception {
    StateLocation location = StateLocation.embedded(dir.resolve("state"));
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(tableExists(db, "SECOND_LOOK")).isTrue();
      // as a Gardien one version older left it
      try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
        s.execute("DROP TABLE second_look_request; DROP TABLE second_look; ALTER TABLE incident DROP COLUMN seen_by");
        s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + StateDatabase.SCHEMA_VERSION + "'");
      }
      assertThat(tableExists(db, "SECOND_LOOK")).isFalse();
    }
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(tableExists(db, "SECOND_LOOK")).as("migrated again on open").isTrue();
    }
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(tableExists(db, "SECOND_LOOK")).as("and opened as it is the next time").isTrue();
    }
  }

  private static boolean tableExists(StateDatabase db, String table) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet r = c.getMetaData().getTables(null, null, table, null)) {
      return r.next();
    }
  }
}
