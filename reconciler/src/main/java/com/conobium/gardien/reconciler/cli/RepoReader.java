package com.conobium.gardien.reconciler.cli;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads and validates a config repository for a command. Its loader (the published schemas read
 * and compiled: a fifth of a cold command's time) can be made on another thread ({@link
 * HeadStart} makes it while the command is wired); reading waits for it.
 */
final class RepoReader {
  private final CompletableFuture<ConfigRepoLoader> loader = new CompletableFuture<>();

  /** A reader with its loader made here, now. */
  static RepoReader prepared() {
    RepoReader reader = new RepoReader();
    reader.prepare();
    return reader;
  }

  /** A reader whose loader some thread makes by calling {@link #prepare()}; reading waits till then. */
  static RepoReader unprepared() {
    return new RepoReader();
  }

  private RepoReader() {}

  /** Makes the loader; a later call changes nothing. */
  void prepare() {
    try {
      loader.complete(new ConfigRepoLoader());
    } catch (RuntimeException | Error e) {
      loader.completeExceptionally(e);
    }
  }

  ConfigRepo read(Path repo) throws InvalidConfigException {
    try {
      return loader.join().load(repo);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
