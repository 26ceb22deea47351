package com.conobium.gardien.reconciler.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server reached over a shared SSH session. Each {@link #exec} is one channel: the script runs
 * under {@code /bin/sh} as root ({@code sudo -n} when the login user is not root), standard input
 * is fed then closed, and both output streams and the exit status come back separately.
 */
final class SshHost implements RemoteHost {
  private static final Logger log = LoggerFactory.getLogger(SshHost.class);

  private final String name;
  private final SshEndpoint endpoint;
  private final SessionSource sessions;
  private final Duration openTimeout;

  /**
   * @param openTimeout how long opening a channel may take: a session whose server stopped
   *     answering (no reset, packets dropped) is found out within it, not within a command's time
   */
  SshHost(String name, SshEndpoint endpoint, SessionSource sessions, Duration openTimeout) {
    this.name = name;
    this.endpoint = endpoint;
    this.sessions = sessions;
    this.openTimeout = openTimeout;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ExecResult exec(String script, String stdin, Duration timeout) throws SshException {
    ClientSession session = sessions.session();
    String command = RemoteCommand.wrap(endpoint.user(), script);
    log.debug("server={} exec: {}", name, script);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ChannelExec channel;
    try {
      channel = session.createExecChannel(command);
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(openTimeout.compareTo(timeout) < 0 ? openTimeout : timeout);
    } catch (IOException e) {
      sessions.drop();
      throw SshConnections.failure("cannot run a command on " + name + " (" + endpoint + ")", e);
    }
    try {
      try (OutputStream in = channel.getInvertedIn()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        channel.close(true);
        throw new SshException.CommandTimeout(
            "a command on " + name + " ran longer than " + timeout + " and was stopped");
      }
      Integer status = channel.getExitStatus();
      if (status == null) {
        if (!session.isOpen()) {
          sessions.drop();
          throw new SshException.ConnectionLost(
              "the connection to " + name + " (" + endpoint + ") dropped while a command was running", null);
        }
        String signal = channel.getExitSignal();
        status = signal == null ? 255 : 128 + 15;
        err.writeBytes(("\n[killed by signal " + signal + "]").getBytes(StandardCharsets.UTF_8));
      }
      return new ExecResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      sessions.drop();
      throw new SshException.ConnectionLost(
          "the connection to " + name + " (" + endpoint + ") dropped while a command was running: "
              + SshConnections.rootMessage(e), e);
    } finally {
      channel.close(false);
    }
  }

  /** The session is not this host's own: {@link SshConnections} closes it. */
  @Override
  public void close() {}
}
