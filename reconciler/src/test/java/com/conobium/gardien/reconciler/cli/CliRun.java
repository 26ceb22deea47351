package com.conobium.gardien.reconciler.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real {@code gardien} command line in-process and keeps what it printed. */
record CliRun(int exitCode, String stdout, String stderr) {
  /** Runs with a new, empty Gardien home, so a test never touches {@code ~/.gardien}. */
  static CliRun of(String... args) {
    try {
      return inHome(Files.createTempDirectory("gardien-home"), args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs with {@code home} as Gardien's home (its secret store lives there). */
  static CliRun inHome(Path home, String... args) {
    return inHome(home, b -> {}, args);
  }

  /** Runs with {@code home} and the state database that {@code env} (instead of the process's) names. */
  static CliRun inHomeWithStateEnv(Path home, java.util.Map<String, String> env, String... args) {
    return inHome(home, b -> b.bind(StateAccess.class).toInstance(StateAccess.of(home, env)), args);
  }

  private static CliRun inHome(Path home, com.google.inject.Module extra, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    var injector = Guice.createInjector(Modules.override(new CliWiring(home))
        .with(b -> b.bind(Printer.class).toInstance(new Printer(o, e)), extra));
    int code = Main.run(injector, args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  JsonNode json() {
    try {
      return new ObjectMapper().readTree(stdout);
    } catch (Exception ex) {
      throw new AssertionError("not JSON: " + stdout + "\n" + stderr, ex);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
