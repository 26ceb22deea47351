package com.conobium.gardien.reconciler.ssh;

import org.apache.sshd.client.session.ClientSession;

/**
 * Where an {@link SshHost} gets its session: the pooled one of {@link SshConnections} (reconnected
 * when it closed), or a one-off session that proves a server still lets Gardien in.
 */
interface SessionSource {
  /** An open, authenticated session. */
  ClientSession session() throws SshException;

  /** The session broke: the next {@link #session()} must not hand it out again. */
  void drop();
}
