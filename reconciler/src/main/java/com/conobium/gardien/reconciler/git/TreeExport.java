package com.conobium.gardien.reconciler.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of a commit into a plain directory. Symbolic links and submodules are left out
 * (a manifest is a regular file), and no path may leave the directory.
 */
public final class TreeExport {
  private TreeExport() {}

  public static void write(Repository repository, ObjectId commitId, Path dir) throws IOException {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(commitId);
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      Files.createDirectories(dir);
      Path root = dir.toAbsolutePath().normalize();
      while (tree.next()) {
        FileMode mode = tree.getFileMode(0);
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
          continue;
        }
        Path file = root.resolve(tree.getPathString()).normalize();
        if (!file.startsWith(root)) {
          continue;
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = repository.open(tree.getObjectId(0)).openStream()) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
