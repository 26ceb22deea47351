package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several changes in one command, run by the real shell. */
class ChangeBatchTest {
  @TempDir Path dir;
  final LocalShellHost sh = new LocalShellHost();
  final String user = System.getProperty("user.name");

  Change file(Path path, String content, String validate) {
    return new Change("file " + path, Change.Action.ADD, null, "x", false,
        List.of(new Step.PutFile(path.toString(), content, "0640", user, user, validate)));
  }

  Change run(String script) {
    return new Change("run", Change.Action.CHANGE, "a", "b", false, List.of(new Step.Run(script)));
  }

  ChangeBatch.Outcome apply(ChangeBatch batch) throws Exception {
    StepScripts.Command c = batch.command();
    ExecResult r = sh.exec(c.script(), c.stdin(), Duration.ofSeconds(10));
    return batch.outcome(r.stderr(), r.exitStatus());
  }

  @Test
  void eachChangeGetsExactlyItsOwnStandardInput() throws Exception {
    Path a = dir.resolve("a.conf");
    Path b = dir.resolve("b.conf");
    Path c = dir.resolve("c.conf");
    Path ignored = dir.resolve("ignored");
    ChangeBatch batch = new ChangeBatch("00ff", List.of(
        file(a, "première ligne — été\n", null),
        new Change("reads nothing", Change.Action.CHANGE, "a", "b", false,
            List.of(new Step.Run("touch " + ignored, "not read by its script"))),
        file(b, "", null),
        file(c, "no newline at the end", "grep -q newline " + c)));

    ChangeBatch.Outcome outcome = apply(batch);

    assertThat(outcome.allApplied()).isTrue();
    assertThat(Files.readString(a)).isEqualTo("première ligne — été\n");
    assertThat(Files.readString(b)).isEmpty();
    assertThat(Files.readString(c)).isEqualTo("no newline at the end");
    assertThat(ignored).exists();
  }

  @Test
  void theFirstChangeThatFailsIsNamedWithItsStatusAndOutputAndTheOnesAfterAreNotTried() throws Exception {
    Path first = dir.resolve("first.conf");
    Path bad = dir.resolve("bad.conf");
    Path after = dir.resolve("after.conf");
    ChangeBatch batch = new ChangeBatch("00ff", List.of(
        file(first, "ok\n", null),
        run("echo before the failure >&2"),
        file(bad, "bad\n", "echo 'not valid here' >&2; false"),
        file(after, "never\n", null)));

    ChangeBatch.Outcome outcome = apply(batch);

    assertThat(outcome.allApplied()).isFalse();
    assertThat(outcome.failed()).isEqualTo(2);
    assertThat(outcome.exitStatus()).isEqualTo(3);
    assertThat(outcome.failureOutput()).contains("validation failed for " + bad, "not valid here")
        .doesNotContain("before the failure");
    assertThat(first).hasContent("ok");
    assertThat(bad).doesNotExist();
    assertThat(after).doesNotExist();
  }

  @Test
  void aStepKeepsItsOwnSetE() throws Exception {
    Path marker = dir.resolve("after-false");
    ChangeBatch.Outcome outcome = apply(new ChangeBatch("00ff", List.of(run("true"), run("false\ntouch " + marker))));

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.exitStatus()).isEqualTo(1);
    assertThat(marker).doesNotExist();
  }

  @Test
  void aShellThatEndsWithoutAMarkerFailsTheLastChangeBegun() {
    ChangeBatch batch = new ChangeBatch("00ff", List.of(run("true"), run("true")));

    ChangeBatch.Outcome outcome = batch.outcome("\n@@gardien:00ff:change:0\n\n@@gardien:00ff:change:1\nsudo: a password is required\n", 1);

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.failureOutput()).isEqualTo("sudo: a password is required");
    assertThat(batch.outcome("", 0).allApplied()).isTrue();
  }
}
