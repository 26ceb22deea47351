package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe for real with {@code /bin/sh} on this machine, the way the engine does on a server:
 * {@link ProbeShell#PRELUDE} first, then the probe, and parses what it printed as one JSON value.
 */
public final class ProbeRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProbeRunner() {}

  /** Runs {@code script} after the prelude and parses its standard output as JSON. */
  public static JsonNode run(String script) throws IOException, InterruptedException {
    String output = runRaw(script);
    try {
      return JSON.readTree(output);
    } catch (IOException e) {
      throw new AssertionError("probe printed invalid JSON: " + output, e);
    }
  }

  /** Runs {@code script} after the prelude and returns its standard output. */
  public static String runRaw(String script) throws IOException, InterruptedException {
    Process sh =
        new ProcessBuilder("/bin/sh", "-s")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (OutputStream stdin = sh.getOutputStream()) {
      stdin.write((ProbeShell.PRELUDE + "\n" + script).getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!sh.waitFor(60, TimeUnit.SECONDS)) {
      sh.destroyForcibly();
      throw new AssertionError("probe did not finish");
    }
    if (sh.exitValue() != 0) {
      throw new AssertionError("probe exited " + sh.exitValue() + ", printed: " + output);
    }
    return output;
  }
}
