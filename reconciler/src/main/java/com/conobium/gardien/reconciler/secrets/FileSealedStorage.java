package com.conobium.gardien.reconciler.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file per server, {@code DIR/SERVER.json.enc}, mode 0600, replaced atomically on every write
 * (a temporary file renamed over).
 */
public final class FileSealedStorage implements SealedStorage {
  private final Path dir;

  /** @param dir the directory of the files, usually {@code $GARDIEN_HOME/secrets} */
  public FileSealedStorage(Path dir) {
    this.dir = dir;
  }

  /** The file of {@code server}; the name must already be checked as a file name. */
  public Path file(String server) {
    return dir.resolve(server + ".json.enc");
  }

  @Override
  public Optional<byte[]> read(String server) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file(server)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void write(String server, byte[] sealed) throws IOException {
    PrivateFiles.directory(dir);
    PrivateFiles.replace(file(server), sealed);
  }

  @Override
  public String where(String server) {
    return file(server).toString();
  }
}
