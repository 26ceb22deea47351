package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated server: answers the probe script with probe output recorded from a real one (the
 * benchmarks' simulated fleets, and the class-cache training run of bin/gardien).
 */
public final class ReplayHost implements RemoteHost {
  private static final Pattern NONCE = Pattern.compile("@@gardien:%s:begin:%s\\\\n' '([0-9a-f]+)'");
  private static final String PLACEHOLDER = "NONCE";

  private final String recorded;

  public ReplayHost(String recorded) {
    this.recorded = recorded;
  }

  /** The recorded output with the script's nonce replaced by a placeholder. */
  public static String withoutNonce(String script, String stdout) {
    return stdout.replace(nonce(script), PLACEHOLDER);
  }

  /** Whether {@code script} is a probe script (it carries a nonce). */
  public static boolean isProbe(String script) {
    return NONCE.matcher(script).find();
  }

  private static String nonce(String script) {
    Matcher m = NONCE.matcher(script);
    if (!m.find()) {
      throw new IllegalStateException("not a probe script");
    }
    return m.group(1);
  }

  /**
   * {@code host}, handing each probe output it returns to {@code recorded} with its nonce made a
   * placeholder: what a ReplayHost answers with later.
   */
  public static RemoteHost recording(RemoteHost host, java.util.function.Consumer<String> recorded) {
    return new RemoteHost() {
      @Override
      public String name() {
        return host.name();
      }

      @Override
      public ExecResult exec(String script, String stdin, Duration timeout)
          throws com.conobium.gardien.reconciler.ssh.SshException {
        ExecResult result = host.exec(script, stdin, timeout);
        if (NONCE.matcher(script).find()) {
          recorded.accept(withoutNonce(script, result.stdout()));
        }
        return result;
      }

      @Override
      public void close() {
        host.close();
      }
    };
  }

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public ExecResult exec(String script, String stdin, Duration timeout) {
    return new ExecResult(0, recorded.replace(PLACEHOLDER, nonce(script)), "");
  }

  @Override
  public void close() {}
}
