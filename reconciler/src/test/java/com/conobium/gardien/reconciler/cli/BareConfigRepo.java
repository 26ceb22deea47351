package com.conobium.gardien.reconciler.cli;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A config repository as {@code gardien run} follows it in the daemon's tests: a bare repository
 * on this machine, to which a work tree written by {@link TestRepo} is committed and pushed.
 */
final class BareConfigRepo {
  final Path bare;

  private BareConfigRepo(Path bare) {
    this.bare = bare;
  }

  /** A new, empty bare repository at {@code bare} whose branch is {@code main}. */
  static BareConfigRepo create(Path bare) throws Exception {
    Git.init().setBare(true).setGitDir(bare.toFile()).setInitialBranch("main").call().close();
    return new BareConfigRepo(bare);
  }

  /** Commits everything in {@code work} (initialising it on first use) and pushes it to main. */
  void publish(Path work, String message) throws Exception {
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Test", "test@example.com");
      git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
      git.push().setRemote(bare.toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }
  }

  /** The commit id main points at. */
  String head() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      return git.getRepository().resolve("refs/heads/main").name();
    }
  }

  /** The options of a daemon following this repository, logging in with {@code identity}. */
  RunOptions runOptions(Path identity, Path stateDir) {
    RunOptions options = new RunOptions();
    options.repo = bare.toString();
    options.branch = "main";
    options.identity = identity;
    options.listen = "127.0.0.1:0";
    options.stateDir = stateDir;
    return options;
  }
}
