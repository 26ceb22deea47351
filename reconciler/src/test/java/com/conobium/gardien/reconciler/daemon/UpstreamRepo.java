package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.reconciler.git.PgpTestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** A config repository in a local Git repository (no network), committed to by a test. */
public final class UpstreamRepo implements AutoCloseable {
  public final Path dir;
  private final Git git;

  public UpstreamRepo(Path dir) throws GitAPIException {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  /** Writes a Fleet, a Profile and one Server manifest per name (address 198.18.0.N). */
  public UpstreamRepo fleet(String... servers) throws IOException {
    write("fleet.yaml", """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: test}
        spec: {}
        """);
    write("profile.yaml", """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: test}
        spec: {}
        """);
    for (int i = 0; i < servers.length; i++) {
      server(servers[i], 10 + i, "");
    }
    return this;
  }

  /** Writes a Server manifest with {@code extra} (YAML lines under spec:, indented 2). */
  public UpstreamRepo server(String name, int n, String extra) throws IOException {
    return write("servers/" + name + ".yaml", """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: %s}
        spec:
          profile: test
          connection:
            address: 198.18.0.%d
        %s""".formatted(name, n, extra.indent(2)));
  }

  public UpstreamRepo write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return this;
  }

  public UpstreamRepo delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  /** Commits everything; returns the new commit's id. */
  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    return c.getId().name();
  }

  /** Commits everything, signed by {@code key} as {@code git commit -S} would; returns the new commit's id. */
  public String commitSigned(String message, PgpTestKey key) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    Repository repo = git.getRepository();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      DirCache index = repo.lockDirCache();
      ObjectId tree;
      try {
        tree = index.writeTree(inserter);
      } finally {
        index.unlock();
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head != null) {
        commit.setParentId(head);
      }
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(key.signCommit(commit));
      inserter.flush();
      RefUpdate update = repo.updateRef(Constants.HEAD);
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      update.update();
      return id.name();
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
