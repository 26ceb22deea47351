package com.conobium.gardien.reconciler.engine;

import static com.conobium.gardien.modules.spi.Shell.quote;

import com.conobium.gardien.modules.spi.Step;
import java.util.List;
import java.util.Optional;

/** Turns a {@link Step} into the script and standard input the engine runs for it. Pure. */
final class StepScripts {
  private StepScripts() {}

  /** A script and the text its standard input receives (may be null). */
  record Command(String script, String stdin) {}

  static Command of(Step step) {
    if (step instanceof Step.Run run) {
      return new Command("set -e\n" + run.script(), run.stdin());
    }
    Step.PutFile file = (Step.PutFile) step;
    return new Command(putFile(file), file.content());
  }

  /**
   * The commands of one change's steps ({@link #of}) as one script, so the change costs one round
   * trip: each step's script in a subshell of its own, in order, stopping at the first that fails
   * with its exit status (each step keeps its own {@code set -e}: the status is tested after the
   * subshell, never in an {@code ||} list, where the shell would ignore it). Standard input goes to
   * the one step that takes it, the others read {@code /dev/null}; no command, or two or more that
   * take standard input, give empty (run them one by one).
   */
  static Optional<Command> combined(List<Command> commands) {
    if (commands.size() == 1) {
      return Optional.of(commands.get(0));
    }
    if (commands.isEmpty() || commands.stream().filter(c -> c.stdin() != null).count() > 1) {
      return Optional.empty();
    }
    StringBuilder script = new StringBuilder();
    String stdin = null;
    for (Command c : commands) {
      script.append("(\n").append(c.script()).append("\n)").append(c.stdin() == null ? " </dev/null" : "").append('\n')
          .append("gardien_status=$?\n[ \"$gardien_status\" -eq 0 ] || exit \"$gardien_status\"\n");
      if (c.stdin() != null) {
        stdin = c.stdin();
      }
    }
    return Optional.of(new Command(script.toString(), stdin));
  }

  /**
   * Writes standard input to a temporary file beside the target, gives it its owner and mode,
   * moves it into place, then runs the validation with the new file in place; when validation
   * fails the previous file is restored (or the new one removed) and the script exits 3.
   */
  private static String putFile(Step.PutFile f) {
    String validate =
        f.validate() == null
            ? ""
            : """
            if ! { %s ; } >"$t.log" 2>&1; then
              if [ -e "$p.gardien-old" ]; then mv -f "$p.gardien-old" "$p"; else rm -f "$p"; fi
              echo "validation failed for $p:" >&2; cat "$t.log" >&2; rm -f "$t.log"; exit 3
            fi
            rm -f "$t.log"
            """
                .formatted(f.validate());
    return """
        set -e
        p=%s
        mkdir -p "$(dirname "$p")"
        t=$(mktemp "$p.gardien.XXXXXX")
        trap 'rm -f "$t"' EXIT
        cat >"$t"
        chown %s:%s "$t"
        chmod %s "$t"
        rm -f "$p.gardien-old"
        if [ -e "$p" ]; then cp -p "$p" "$p.gardien-old"; fi
        mv -f "$t" "$p"
        set +e
        %s
        rm -f "$p.gardien-old"
        """
        .formatted(quote(f.path()), quote(f.owner()), quote(f.group()), quote(f.mode()), validate);
  }
}
