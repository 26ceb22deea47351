package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts with this machine's real {@code /bin/sh}: the engine's scripts, probes and steps
 * are executed for real, only without the SSH hop. Records every script it ran.
 */
final class LocalShellHost implements RemoteHost {
  final List<String> scripts = new ArrayList<>();

  @Override
  public String name() {
    return "local";
  }

  @Override
  public ExecResult exec(String script, String stdin, Duration timeout) throws SshException {
    scripts.add(script);
    try {
      Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the script finished without reading its standard input (a broken pipe), as sshd allows
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new SshException("command timed out");
      }
      return new ExecResult(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new SshException("local exec failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshException("interrupted", e);
    }
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Override
  public void close() {}
}
