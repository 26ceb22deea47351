package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state repository on the embedded H2 file database. */
class StateRepositoryH2Test extends StateRepositoryContract {
  @TempDir Path tmp;

  @Override
  StateLocation freshDatabase() {
    return StateLocation.embedded(tmp.resolve("daemon/state"));
  }

  @Test
  void theEmbeddedDatabaseIsOneFileInAStateDirectoryOnlyItsOwnerCanEnter() throws Exception {
    assertThat(Files.exists(tmp.resolve("daemon/state/gardien.mv.db"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("daemon/state"))))
        .isEqualTo("rwx------");
  }
}
