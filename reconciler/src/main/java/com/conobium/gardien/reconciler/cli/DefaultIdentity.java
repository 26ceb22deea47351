package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;

/**
 * Gardien's own SSH private key, {@code id_ed25519} in its home: the key a command uses when it is
 * given no {@code --identity}.
 */
record DefaultIdentity(Path file) {
  /** {@code given} (an {@code --identity}), or this key when none was given. */
  Path or(Path given) {
    return given != null ? given : file;
  }
}
