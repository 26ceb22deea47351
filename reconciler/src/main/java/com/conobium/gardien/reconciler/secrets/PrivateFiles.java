package com.conobium.gardien.reconciler.secrets;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: created 0600 (directories 0700), replaced atomically. Used by the
 * secret store and by the credential links ({@code reconciler.credentials}).
 */
public final class PrivateFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code dir} (mode 0700) and its parents when missing. */
  public static void directory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }
  }

  /** Writes {@code bytes} to a 0600 temporary file beside {@code path}, then renames it over. */
  public static void replace(Path path, byte[] bytes) throws IOException {
    Path temp = writeTemp(path, bytes);
    try {
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes {@code bytes} to {@code path} only when it does not exist yet, atomically (a hard link
   * of a complete temporary file), so that two processes never see a half-written file.
   *
   * @return false when the file already existed (it is left as it was)
   */
  public static boolean createOnce(Path path, byte[] bytes) throws IOException {
    Path temp = writeTemp(path, bytes);
    try {
      Files.createLink(path, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Whether group or others may do anything with {@code path}. */
  public static boolean isShared(Path path) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
    return perms.stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
  }

  private static Path writeTemp(Path path, byte[] bytes) throws IOException {
    Path temp =
        Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".tmp",
            PosixFilePermissions.asFileAttribute(FILE));
    try {
      Files.write(temp, bytes);
      return temp;
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
