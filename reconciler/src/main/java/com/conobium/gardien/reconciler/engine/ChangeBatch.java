package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several changes of one module sent as one remote command, so a converge costs a round trip per
 * module rather than per change: each change's steps in order, as {@link StepScripts} runs them
 * (each step a subshell with its own {@code set -e}), stopping at the first step that fails. The
 * steps' standard inputs (the files' contents) follow one another on the command's standard input,
 * and each step reads exactly its own bytes ({@code dd iflag=fullblock}). Before each change a
 * marker line carrying a nonce goes to standard error, and a failure says which change failed with
 * which status, so each change is still reported on its own: the ones before applied, that one
 * failed with its own error output, the ones after not tried. Pure.
 */
final class ChangeBatch {
  private final String nonce;
  private final List<Change> changes;

  ChangeBatch(String nonce, List<Change> changes) {
    if (!nonce.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("nonce must be lowercase hex");
    }
    this.nonce = nonce;
    this.changes = List.copyOf(changes);
  }

  /** The script and its standard input. */
  StepScripts.Command command() {
    StringBuilder script = new StringBuilder();
    StringBuilder stdin = new StringBuilder();
    for (int i = 0; i < changes.size(); i++) {
      script.append("printf '\\n@@gardien:%s:change:%d\\n' '").append(nonce).append("' ").append(i).append(" >&2\n");
      for (var step : changes.get(i).steps()) {
        StepScripts.Command c = StepScripts.of(step);
        int bytes = c.stdin() == null ? 0 : c.stdin().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 0) {
          script.append("dd bs=").append(bytes).append(" count=1 iflag=fullblock status=none | ");
          stdin.append(c.stdin());
        }
        script.append("(\n").append(c.script()).append("\n)").append(bytes > 0 ? "" : " </dev/null").append('\n')
            .append("gardien_status=$?\n[ \"$gardien_status\" -eq 0 ] || { printf '\\n@@gardien:%s:failed:%d:%s\\n' '")
            .append(nonce).append("' ").append(i).append(" \"$gardien_status\" >&2; exit \"$gardien_status\"; }\n");
      }
    }
    return new StepScripts.Command(script.toString(), stdin.isEmpty() ? null : stdin.toString());
  }

  /** How the batch ended, read from its standard error and exit status. */
  record Outcome(int failed, int exitStatus, String failureOutput) {
    /** Whether every change was applied. */
    boolean allApplied() {
      return failed < 0;
    }
  }

  Outcome outcome(String stderr, int exitStatus) {
    Matcher failed = Pattern.compile("(?m)^@@gardien:" + nonce + ":failed:(\\d+):(\\d+)$").matcher(stderr);
    if (failed.find()) {
      int index = Integer.parseInt(failed.group(1));
      return new Outcome(index, Integer.parseInt(failed.group(2)), outputOf(stderr, index));
    }
    if (exitStatus == 0) {
      return new Outcome(-1, 0, "");
    }
    // it ended before a step reported (the shell itself failed): the last change begun failed
    Matcher begun = Pattern.compile("(?m)^@@gardien:" + nonce + ":change:(\\d+)$").matcher(stderr);
    int last = 0;
    while (begun.find()) {
      last = Integer.parseInt(begun.group(1));
    }
    return new Outcome(last, exitStatus, outputOf(stderr, last));
  }

  /** What change {@code index} printed on standard error, the markers left out. */
  private String outputOf(String stderr, int index) {
    String begin = "@@gardien:" + nonce + ":change:" + index;
    int from = stderr.indexOf(begin);
    String part = from < 0 ? stderr : stderr.substring(from + begin.length());
    int next = part.indexOf("@@gardien:" + nonce + ":");
    if (next >= 0) {
      part = part.substring(0, next);
    }
    return part.strip();
  }

  List<Change> changes() {
    return changes;
  }
}
