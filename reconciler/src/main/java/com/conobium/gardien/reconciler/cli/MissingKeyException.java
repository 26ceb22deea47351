package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;

/**
 * Gardien's SSH private key is not where the command looks for it. A setup mistake, not a fault:
 * the command line's handler prints the message (which says how to fix it) and exits with
 * {@link ExitCode#FAILURE}.
 */
final class MissingKeyException extends RuntimeException {
  MissingKeyException(Path identity) {
    super("Gardien's SSH key " + identity + " is missing: create it with ssh-keygen -t ed25519 -N '' -f "
        + identity + " or pass --identity");
  }
}
