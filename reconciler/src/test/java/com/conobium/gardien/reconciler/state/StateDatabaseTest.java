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
      assertThat(indexExists(db, "READING_SAMPLE", "READING_SAMPLE_NAME_TAKEN")).isTrue();
      // as a Gardien one version older left it
      try (Connection c = db.dataSource().getConnection(); var s = c.createStatement()) {
        s.execute("DROP INDEX reading_sample_name_taken; DROP INDEX maintenance_result_run");
        s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + StateDatabase.SCHEMA_VERSION + "'");
      }
      assertThat(indexExists(db, "READING_SAMPLE", "READING_SAMPLE_NAME_TAKEN")).isFalse();
    }
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(indexExists(db, "READING_SAMPLE", "READING_SAMPLE_NAME_TAKEN")).as("migrated again on open").isTrue();
    }
    try (StateDatabase db = StateDatabase.open(location)) {
      assertThat(indexExists(db, "READING_SAMPLE", "READING_SAMPLE_NAME_TAKEN")).as("and opened as it is the next time")
          .isTrue();
    }
  }

  private static boolean indexExists(StateDatabase db, String table, String index) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet r = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
      while (r.next()) {
        if (index.equalsIgnoreCase(r.getString("INDEX_NAME"))) {
          return true;
        }
      }
      return false;
    }
  }
}
