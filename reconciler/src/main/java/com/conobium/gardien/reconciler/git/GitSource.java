package com.conobium.gardien.reconciler.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * The config repository's branch, mirrored with JGit into a bare repository of the daemon's own
 * (cloned on first use, fetched afterwards), and each revision's tree written out to a plain
 * directory that the manifest loader reads. The URL may be a local path, {@code file://},
 * {@code http(s)://}, or {@code ssh://} / {@code user@host:path} (through {@link GitSsh}).
 */
public final class GitSource implements AutoCloseable {
  private final String url;
  private final String shown;
  private final String branch;
  private final Path mirror;
  private final Optional<GitSsh> ssh;
  private Repository repository;

  /**
   * @param url where the config repository is (path or URL)
   * @param branch the branch whose head is in force
   * @param mirror the daemon's bare copy (created when missing)
   */
  public GitSource(String url, String branch, Path mirror) {
    this(url, branch, mirror, Optional.empty());
  }

  /**
   * @param url where the config repository is (path or URL)
   * @param branch the branch whose head is in force
   * @param mirror the daemon's bare copy (created when missing)
   * @param ssh how to reach an {@code ssh://} or {@code user@host:path} URL
   */
  public GitSource(String url, String branch, Path mirror, Optional<GitSsh> ssh) {
    this.ssh = ssh;
    this.url = url.contains("://") || url.contains("@") ? url : Path.of(url).toAbsolutePath().normalize().toString();
    this.shown = withoutPassword(this.url);
    this.branch = branch;
    this.mirror = mirror;
  }

  /** Fetches the branch and returns its head. */
  public synchronized Revision fetch() throws GitSourceException {
    String ref = Constants.R_HEADS + branch;
    try {
      if (repository == null) {
        repository = openOrClone();
      }
      try (Git git = new Git(repository)) {
        FetchCommand fetch = git.fetch()
            .setRemote(url)
            .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
            .setRemoveDeletedRefs(false);
        if (GitSsh.isSshUrl(url)) {
          if (ssh.isEmpty()) {
            throw new GitSourceException(shown + " is an SSH URL but no SSH key and known hosts were given", null);
          }
          ssh.get().configure(fetch);
          ssh.get().takeRefusal();
        }
        try {
          fetch.call();
        } catch (GitAPIException | RuntimeException e) {
          Optional<String> refusal = ssh.flatMap(GitSsh::takeRefusal);
          if (refusal.isPresent()) {
            throw new GitSourceException("could not fetch branch '" + branch + "' of " + shown + ": "
                + refusal.get(), e);
          }
          throw e;
        }
      }
      ObjectId head = repository.resolve(ref);
      if (head == null) {
        throw new GitSourceException("branch '" + branch + "' not found in " + shown, null);
      }
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(head);
        return new Revision(head.name(), Instant.ofEpochSecond(commit.getCommitTime()),
            commit.getShortMessage());
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw new GitSourceException("could not fetch branch '" + branch + "' of " + shown + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Writes the files of {@code revision} into {@code dir} (created; must not exist yet). Symbolic
   * links and submodules are left out: a manifest is a regular file.
   */
  public synchronized void export(Revision revision, Path dir) throws GitSourceException {
    try {
      TreeExport.write(repository, ObjectId.fromString(revision.id()), dir);
    } catch (IOException | RuntimeException e) {
      throw new GitSourceException("could not read revision " + revision.shortId() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * The commit object of {@code revision} as Git stores it (headers, signature and message), for
   * {@link CommitSignatures}.
   */
  public synchronized byte[] rawCommit(Revision revision) throws GitSourceException {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(ObjectId.fromString(revision.id())).getRawBuffer().clone();
    } catch (IOException | RuntimeException e) {
      throw new GitSourceException("could not read commit " + revision.shortId() + ": " + e.getMessage(), e);
    }
  }

  private Repository openOrClone() throws IOException, GitAPIException {
    if (Files.isDirectory(mirror.resolve("objects"))) {
      return new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build();
    }
    Files.createDirectories(mirror);
    Git git = Git.init().setBare(true).setGitDir(mirror.toFile()).setInitialBranch(branch).call();
    return git.getRepository();
  }

  /** The branch this source follows. */
  public String branch() {
    return branch;
  }

  /** Where the repository is, for logs: a password in the URL is left out. */
  public String url() {
    return shown;
  }

  static String withoutPassword(String url) {
    try {
      URIish uri = new URIish(url);
      return uri.getPass() == null ? url : uri.setPass(null).toString();
    } catch (URISyntaxException e) {
      return url.replaceAll("//[^/@]*@", "//");
    }
  }

  @Override
  public synchronized void close() {
    ssh.ifPresent(GitSsh::close);
    if (repository != null) {
      repository.close();
      repository = null;
    }
  }

}
