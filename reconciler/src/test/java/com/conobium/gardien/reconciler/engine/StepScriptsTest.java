package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic, validated file writes, run by the real shell. */
class StepScriptsTest {
  @TempDir Path dir;
  final LocalShellHost sh = new LocalShellHost();
  final String user = System.getProperty("user.name");

  private int run(Step step) throws Exception {
    StepScripts.Command c = StepScripts.of(step);
    return sh.exec(c.script(), c.stdin(), Duration.ofSeconds(10)).exitStatus();
  }

  @Test
  void writesContentModeAndCreatesParents() throws Exception {
    Path f = dir.resolve("etc/app/it's here.conf");
    int status = run(new Step.PutFile(f.toString(), "a = 'b'\n$HOME\n", "0640", user, user, null));
    assertThat(status).isZero();
    assertThat(f).hasContent("a = 'b'\n$HOME");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    try (var files = Files.list(f.getParent())) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void aFailedValidationPutsThePreviousFileBack() throws Exception {
    Path f = dir.resolve("app.conf");
    Files.writeString(f, "good\n");
    int status = run(new Step.PutFile(f.toString(), "bad\n", "0644", user, user,
        "grep -q good " + f));
    assertThat(status).isEqualTo(3);
    assertThat(f).hasContent("good");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(f);
    }
  }

  @Test
  void aFailedValidationOfANewFileRemovesIt() throws Exception {
    Path f = dir.resolve("new.conf");
    assertThat(run(new Step.PutFile(f.toString(), "x", "0644", user, user, "false"))).isEqualTo(3);
    assertThat(f).doesNotExist();
  }

  @Test
  void validationSeesTheNewFileInPlace() throws Exception {
    Path f = dir.resolve("app.conf");
    Files.writeString(f, "old\n");
    assertThat(run(new Step.PutFile(f.toString(), "new\n", "0644", user, user, "grep -q new " + f)))
        .isZero();
    assertThat(f).hasContent("new");
  }

  @Test
  void aRunStepStopsAtTheFirstFailingCommand() throws Exception {
    Path marker = dir.resolve("after-failure");
    assertThat(run(new Step.Run("false\ntouch " + marker))).isEqualTo(1);
    assertThat(marker).doesNotExist();
  }
}
