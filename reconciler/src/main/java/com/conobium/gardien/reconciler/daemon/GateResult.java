package com.conobium.gardien.reconciler.daemon;

import com.conobium.gardien.model.Problem;
import com.conobium.gardien.reconciler.git.Revision;
import java.util.List;

/** What the {@link RevisionGate} made of a revision. */
public sealed interface GateResult {
  /** Valid: it is now in force. */
  record Accepted(GoodRevision good) implements GateResult {}

  /** Invalid: not applied; the previous good revision (if any) stays in force. */
  record Rejected(Revision revision, List<Problem> problems) implements GateResult {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Not signed by a trusted key (only when trusted keys are configured): not applied, not even
   * validated; the previous good revision (if any) stays in force.
   *
   * @param reason unsigned, unknown key (id and fingerprint) or bad signature
   */
  record Untrusted(Revision revision, String reason) implements GateResult {}

  /** Already seen (in force, or rejected before): nothing to do. */
  record Unchanged() implements GateResult {}
}
