package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.reconciler.engine.Display;
import com.conobium.gardien.reconciler.engine.ModuleOutcome;
import com.conobium.gardien.reconciler.engine.ServerOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan with a secret in every field a change has: the secret appears in no output. */
class SecretMaskingTest {
  static final String SECRET = "Zq7#kP2mW9xR4tY8vB3nH6jD5fG2aS";

  static Change secretChange() {
    return Change.update("password of root", "old " + SECRET, "new " + SECRET,
        List.of(new Step.Run("chpasswd --encrypted\n", "root:" + SECRET + "\n"),
            new Step.PutFile("/etc/secret", SECRET, "0600", "root", "root", null))).masked();
  }

  @Test
  void textJsonProgressDisplayAndToStringNeverShowTheSecret() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Printer printer = new Printer(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    Change change = secretChange();
    ModuleOutcome module = new ModuleOutcome("accounts", List.of(change), List.of(), ModuleOutcome.Status.DRIFT, null, 0);
    ServerOutcome server = new ServerOutcome("web1", List.of(module), null, 1, Duration.ofMillis(5));

    printer.outcomes(OutputFormat.text, "plan", List.of(server));
    printer.outcomes(OutputFormat.json, "plan", List.of(server));
    printer.progress(OutputFormat.text).changed("web1", "accounts", change, null);
    String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
        + Display.line(change) + change + module + server;

    assertThat(all).contains("~ password of root: (sensitive value) -> (sensitive value)")
        .contains("\"sensitive\" : true")
        .doesNotContain(SECRET);
  }
}
