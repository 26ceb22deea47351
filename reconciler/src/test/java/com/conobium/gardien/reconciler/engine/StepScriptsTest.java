package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
  private int runCombined(Step... steps) throws Exception {
    StepScripts.Command c = StepScripts.combined(Stream.of(steps).map(StepScripts::of).toList()).orElseThrow();
    return sh.exec(c.script(), c.stdin(), Duration.ofSeconds(10)).exitStatus();
  }

  @Test
  void aChangesStepsRunAsOneScriptInOrderTheOneStandardInputToItsStep() throws Exception {
    Path f = dir.resolve("site.conf");
    Path copy = dir.resolve("copy");
    int status = runCombined(new Step.Run("test ! -e " + f + "\ncat >/dev/null"),
        new Step.PutFile(f.toString(), "listen 80;\n", "0644", user, user, "grep -q listen " + f),
        new Step.Run("cp " + f + " " + copy + "\ncat >>" + copy));

    assertThat(status).isZero();
    assertThat(f).hasContent("listen 80;");
    assertThat(copy).hasContent("listen 80;"); // the later steps read /dev/null, not the file's text
  }

  @Test
  void theFirstFailingStepStopsTheScriptWithItsStatusEachStepKeepingItsSetE() throws Exception {
    Path inside = dir.resolve("after-false-inside-a-step");
    Path after = dir.resolve("a-later-step");
    Path f = dir.resolve("app.conf");
    Files.writeString(f, "good\n");

    assertThat(runCombined(new Step.Run("false\ntouch " + inside), new Step.Run("touch " + after))).isEqualTo(1);
    assertThat(inside).doesNotExist();
    assertThat(after).doesNotExist();
    assertThat(runCombined(new Step.PutFile(f.toString(), "bad\n", "0644", user, user, "grep -q good " + f),
        new Step.Run("touch " + after))).isEqualTo(3);
    assertThat(f).hasContent("good");
    assertThat(after).doesNotExist();
  }

  @Test
  void stepsOfWhichTwoTakeStandardInputAreNotCombined() {
    assertThat(StepScripts.combined(List.of(StepScripts.of(new Step.Run("cat", "a")),
        StepScripts.of(new Step.Run("cat", "b"))))).isEmpty();
    assertThat(StepScripts.combined(List.of())).isEmpty();
    StepScripts.Command one = StepScripts.of(new Step.Run("true"));
    assertThat(StepScripts.combined(List.of(one))).contains(one);
  }
}
