package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
  void anotherProcessReadsTheDatabaseWhileItIsOpenHere() throws Exception {
    repo.saveRun(status("web1", "h1", "converged", false, T0, T0, 0), run("web1", T0, "converged"), List.of());
    String h2Jar = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.contains("h2-")).findFirst().orElseThrow();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", h2Jar,
        "org.h2.tools.Shell", "-url", db.location().url(), "-user", "gardien", "-password", "",
        "-sql", "SELECT server, last_result FROM server_status").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("web1").contains("converged");
  }

  @Test
  void theEmbeddedDatabaseIsOneFileInAStateDirectoryOnlyItsOwnerCanEnter() throws Exception {
    assertThat(Files.exists(tmp.resolve("daemon/state/gardien.mv.db"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("daemon/state"))))
        .isEqualTo("rwx------");
  }
}
