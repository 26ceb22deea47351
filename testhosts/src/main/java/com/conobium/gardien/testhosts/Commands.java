package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs controller-side commands (debootstrap, ip, nsenter, mount) and reports their result. */
final class Commands {
  private Commands() {}

  /** What a command left. */
  record Result(int exitStatus, String stdout, String stderr) {
    boolean ok() {
      return exitStatus == 0;
    }
  }

  static Result run(Duration timeout, List<String> command) {
    return run(timeout, null, command);
  }

  static Result run(Duration timeout, String stdin, List<String> command) {
    try {
      Process p = new ProcessBuilder(command).start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new TestHostException("timed out after " + timeout + ": " + String.join(" ", command));
      }
      return new Result(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new TestHostException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TestHostException("interrupted running " + command.get(0), e);
    }
  }

  /** Runs a command that must succeed. */
  static String check(Duration timeout, List<String> command) {
    Result r = run(timeout, command);
    if (!r.ok()) {
      throw new TestHostException(
          String.join(" ", command) + " failed (" + r.exitStatus() + "): " + r.stderr().strip());
    }
    return r.stdout();
  }

  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }
}
