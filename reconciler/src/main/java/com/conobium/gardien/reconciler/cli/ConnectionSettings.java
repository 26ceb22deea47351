package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How Gardien logs in to servers, shared by {@code plan}, {@code apply} and {@code run}.
 *
 * @param identity Gardien's SSH private key; null for {@link DefaultIdentity its own}
 * @param knownHosts the pinned host keys file
 * @param acceptNewHostKeys whether a server with no pinned key has its key recorded
 * @param rollbackAfter how long a server waits for Gardien after a guarded change
 * @param whereToPin where an operator pins host keys, as messages say it: the file itself for the
 *     command line; for the daemon, which reads a checkout, the config repository's file
 * @param readOnly whether Gardien's home must be left as it is (a plan without the secret store):
 *     the port each server was reached on is not recorded
 */
record ConnectionSettings(Path identity, Path knownHosts, boolean acceptNewHostKeys, Duration rollbackAfter,
    String whereToPin, boolean readOnly) {
  ConnectionSettings(Path identity, Path knownHosts, boolean acceptNewHostKeys, Duration rollbackAfter) {
    this(identity, knownHosts, acceptNewHostKeys, rollbackAfter, knownHosts.toString());
  }

  ConnectionSettings(Path identity, Path knownHosts, boolean acceptNewHostKeys, Duration rollbackAfter,
      String whereToPin) {
    this(identity, knownHosts, acceptNewHostKeys, rollbackAfter, whereToPin, false);
  }

  /** The same settings, leaving Gardien's home as it is. */
  ConnectionSettings readingOnly() {
    return new ConnectionSettings(identity, knownHosts, acceptNewHostKeys, rollbackAfter, whereToPin, true);
  }
}
