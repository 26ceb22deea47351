package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Problem;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.git.CommitSignatures;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.git.GitSourceException;
import com.conobium.gardien.reconciler.git.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a revision of the config repository into force only when the whole tree is valid. Each new
 * revision is written out to {@code checkouts/ID} and loaded with the manifest loader; a valid one
 * becomes the one in force and {@code current} (a symbolic link) points at it, an invalid one is
 * reported (one log line per problem, {@code gardien_validation_failures_total}) and deleted, and
 * the last good revision stays in force. A rejected revision is not validated again.
 *
 * <p>With trusted keys ({@code gardien run --trusted-keys}), the head commit of a new revision must
 * first carry a good signature by one of them; an unsigned commit, one signed by another key or one
 * whose signature does not match is rejected the same way (one log line, {@code
 * gardien_untrusted_revisions_total}) and its tree is not even read. Only the head commit is checked:
 * signing it vouches for the whole tree it holds.
 */
public final class RevisionGate {
  private static final Logger log = LoggerFactory.getLogger(RevisionGate.class);

  private final GitSource source;
  private final ConfigRepoLoader loader;
  private final Path checkouts;
  private final DaemonMetrics metrics;
  private final Optional<CommitSignatures> signatures;
  private final Consumer<GateResult> verdicts;
  private volatile GoodRevision inForce;
  private volatile String lastRejected;

  /**
   * @param stateDir the daemon's state directory; revisions are written below {@code checkouts/}
   */
  public RevisionGate(GitSource source, ConfigRepoLoader loader, Path stateDir, DaemonMetrics metrics) {
    this(source, loader, stateDir, metrics, Optional.empty());
  }

  /**
   * @param stateDir the daemon's state directory; revisions are written below {@code checkouts/}
   * @param signatures when present, only revisions whose head commit it trusts are let in
   */
  public RevisionGate(GitSource source, ConfigRepoLoader loader, Path stateDir, DaemonMetrics metrics,
      Optional<CommitSignatures> signatures) {
    this(source, loader, stateDir, metrics, signatures, verdict -> { });
  }

  /**
   * @param stateDir the daemon's state directory; revisions are written below {@code checkouts/}
   * @param signatures when present, only revisions whose head commit it trusts are let in
   * @param verdicts told of each new revision's verdict (accepted, rejected, untrusted), e.g. to
   *     record it for the dashboard; never of an unchanged one
   */
  public RevisionGate(GitSource source, ConfigRepoLoader loader, Path stateDir, DaemonMetrics metrics,
      Optional<CommitSignatures> signatures, Consumer<GateResult> verdicts) {
    this.verdicts = verdicts;
    this.signatures = signatures;
    this.source = source;
    this.loader = loader;
    this.checkouts = stateDir.resolve("checkouts");
    this.metrics = metrics;
  }

  /** The revision in force, or null before the first valid one. */
  public GoodRevision inForce() {
    return inForce;
  }

  /** The link that always points at the revision in force (e.g. for its {@code known_hosts}). */
  public Path current() {
    return checkouts.resolve("current");
  }

  /** Validates {@code revision} unless it was seen already, and puts it in force when valid. */
  public synchronized GateResult offer(Revision revision) throws GitSourceException {
    GoodRevision good = inForce;
    if ((good != null && good.revision().id().equals(revision.id())) || revision.id().equals(lastRejected)) {
      return new GateResult.Unchanged();
    }
    if (signatures.isPresent()) {
      CommitSignatures.Verdict verdict = signatures.get().verify(source.rawCommit(revision));
      if (!(verdict instanceof CommitSignatures.Verdict.Trusted)) {
        lastRejected = revision.id();
        metrics.untrusted();
        log.atWarn().addKeyValue("revision", revision.id()).addKeyValue("result", "rejected")
            .addKeyValue("reason", "untrusted").addKeyValue("signature", verdict.reason())
            .addKeyValue("in_force", good == null ? "none" : good.revision().id())
            .addKeyValue("subject", revision.subject()).log("revision rejected");
        return told(new GateResult.Untrusted(revision, verdict.reason()));
      }
    }
    Path dir = checkouts.resolve(revision.id());
    delete(dir);
    source.export(revision, dir);
    ConfigRepo repo;
    try {
      repo = loader.load(dir);
    } catch (InvalidConfigException e) {
      lastRejected = revision.id();
      metrics.validationFailed();
      log.atWarn().addKeyValue("revision", revision.id()).addKeyValue("result", "rejected")
          .addKeyValue("problems", e.problems().size())
          .addKeyValue("in_force", good == null ? "none" : good.revision().id())
          .addKeyValue("subject", revision.subject()).log("revision rejected");
      for (Problem p : e.problems()) {
        log.atWarn().addKeyValue("revision", revision.id()).addKeyValue("problem", p.toString())
            .log("invalid manifest");
      }
      delete(dir);
      return told(new GateResult.Rejected(revision, e.problems()));
    }
    GoodRevision accepted = new GoodRevision(revision, repo);
    pointCurrentAt(dir);
    inForce = accepted;
    lastRejected = null;
    metrics.revision(revision);
    log.atInfo().addKeyValue("revision", revision.id()).addKeyValue("result", "accepted")
        .addKeyValue("servers", repo.servers().size()).addKeyValue("subject", revision.subject())
        .log("revision accepted");
    removeAllBut(good == null ? List.of(dir, current())
        : List.of(dir, checkouts.resolve(good.revision().id()), current()));
    return told(new GateResult.Accepted(accepted));
  }

  private GateResult told(GateResult result) {
    try {
      verdicts.accept(result);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("error", e.getMessage()).log("revision verdict not recorded");
    }
    return result;
  }

  private void pointCurrentAt(Path dir) {
    try {
      Path link = checkouts.resolve(".current-" + dir.getFileName());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, dir.getFileName());
      Files.move(link, current(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not point " + current() + " at " + dir, e);
    }
  }

  /**
   * Keeps the revision in force and the one before (runs in flight may still read it); after a
   * restart, what the previous process left goes.
   */
  private void removeAllBut(List<Path> keep) {
    try (Stream<Path> entries = Files.list(checkouts)) {
      entries.filter(p -> !keep.contains(p)).forEach(RevisionGate::delete);
    } catch (IOException e) {
      log.warn("could not tidy {}: {}", checkouts, e.getMessage());
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
