package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.Problem;
import com.conobium.gardien.reconciler.git.Revision;
import com.conobium.gardien.reconciler.state.SeenRevision;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

/** What is recorded of a revision gate's verdict (the dashboard's revisions page). */
public final class SeenRevisions {
  private SeenRevisions() {}

  /** The record of {@code verdict}, seen at {@code seen}; empty for an unchanged revision. */
  public static Optional<SeenRevision> of(GateResult verdict, Instant seen) {
    if (verdict instanceof GateResult.Accepted a) {
      return Optional.of(record(a.good().revision(), seen, "accepted", ""));
    }
    if (verdict instanceof GateResult.Rejected r) {
      return Optional.of(record(r.revision(), seen, "rejected",
          r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"))));
    }
    if (verdict instanceof GateResult.Untrusted u) {
      return Optional.of(record(u.revision(), seen, "untrusted", u.reason()));
    }
    return Optional.empty();
  }

  private static SeenRevision record(Revision revision, Instant seen, String verdict, String problems) {
    return new SeenRevision(revision.id(), revision.committed(), revision.subject(), seen, verdict, problems);
  }
}
