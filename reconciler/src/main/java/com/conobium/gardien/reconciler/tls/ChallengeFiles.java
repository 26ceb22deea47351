package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.TlsPaths;
import com.conobium.gardien.reconciler.ssh.ExecResult;
import com.conobium.gardien.reconciler.ssh.RemoteHost;
import com.conobium.gardien.reconciler.ssh.SshException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Puts HTTP-01 challenge files into the server's ACME webroot ({@link TlsPaths#CHALLENGE_DIR}),
 * where port 80 serves them, and removes them afterwards. The content travels on standard input.
 */
public final class ChallengeFiles {
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final RemoteHost host;

  public ChallengeFiles(RemoteHost host) {
    this.host = host;
  }

  /** Writes {@code content} to the file of {@code token}, readable by the web server. */
  public void put(String token, String content) throws SshException {
    String file = Shell.quote(TlsPaths.challenge(checked(token)));
    ExecResult r = host.exec("umask 022\nmkdir -p " + Shell.quote(TlsPaths.CHALLENGE_DIR) + "\ncat > " + file
        + "\nchmod 0644 " + file, content, TIMEOUT);
    if (!r.ok()) {
      throw new SshException("cannot write the ACME challenge file on " + host.name() + ": " + r.stderr().strip());
    }
  }

  /** Removes the file of {@code token}. */
  public void remove(String token) throws SshException {
    host.exec("rm -f " + Shell.quote(TlsPaths.challenge(checked(token))), null, TIMEOUT);
  }

  private static String checked(String token) {
    if (!TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("not an ACME token: " + token);
    }
    return token;
  }
}
