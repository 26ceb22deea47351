package com.conobium.gardien.reconciler.ssh;

/**
 * Talking to a server over SSH failed. {@link #isTransient()} tells whether trying again may help
 * (a refused or timed-out connection, a dropped session) or not (a wrong host key, a refused
 * login).
 */
public class SshException extends Exception {
  private final boolean transientFailure;

  public SshException(String message) {
    this(message, null, false);
  }

  public SshException(String message, Throwable cause) {
    this(message, cause, false);
  }

  protected SshException(String message, Throwable cause, boolean transientFailure) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether the same call may succeed if tried again. */
  public boolean isTransient() {
    return transientFailure;
  }

  /**
   * Whether the call failed by waiting its whole time limit for an answer that never came (a
   * server powered off, packets dropped), rather than by a quick refusal: trying again at once
   * would cost the same wait again.
   */
  public boolean timedOut() {
    return false;
  }

  /** The server could not be reached, or did not answer in time. */
  public static final class Unreachable extends SshException {
    private final boolean timedOut;

    public Unreachable(String message, Throwable cause) {
      this(message, cause, false);
    }

    public Unreachable(String message, Throwable cause, boolean timedOut) {
      super(message, cause, true);
      this.timedOut = timedOut;
    }

    @Override
    public boolean timedOut() {
      return timedOut;
    }
  }

  /** The thread was interrupted while waiting for the server (Gardien is stopping): nothing to retry. */
  public static final class Interrupted extends SshException {
    public Interrupted(String message, Throwable cause) {
      super(message, cause, false);
    }
  }

  /** The connection dropped while a command was running: its effect on the server is unknown. */
  public static final class ConnectionLost extends SshException {
    public ConnectionLost(String message, Throwable cause) {
      super(message, cause, true);
    }
  }

  /** A command ran longer than allowed and was stopped. */
  public static final class CommandTimeout extends SshException {
    public CommandTimeout(String message) {
      super(message, null, false);
    }
  }

  /** The server refused Gardien's key. */
  public static final class AuthenticationFailed extends SshException {
    public AuthenticationFailed(String message, Throwable cause) {
      super(message, cause, false);
    }
  }

  /**
   * The server presented a host key that is not the pinned one, or has none pinned. Nothing was
   * sent to it.
   */
  public static final class HostKeyRejected extends SshException {
    public HostKeyRejected(String message) {
      super(message, null, false);
    }
  }
}
