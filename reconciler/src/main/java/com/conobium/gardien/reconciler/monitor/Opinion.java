package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.state.SecondLookStore.Look;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the other replicas saw of a server that failed here {@code failuresBeforeAlert} rounds in a
 * row, which decides whether its incident opens: a failure one replica alone sees is that replica's
 * network trouble, and pages no one.
 *
 * @param kind the verdict
 * @param seenBy the replicas that saw the failure (this one first); empty with one controller
 * @param reachedBy the replicas that reached the server while it failed here
 */
public record Opinion(Kind kind, List<String> seenBy, List<String> reachedBy) {
  /** The verdicts. */
  public enum Kind {
    /** One controller, or no other replica alive: the failure stands on its own. */
    ALONE,
    /** Another replica fails to reach the server too: the incident opens, seen by each. */
    CONFIRMED,
    /** Every other replica that looked reaches the server: no incident (this replica's network). */
    REFUTED,
    /** Other replicas are alive but none has looked since the failures began: wait for them. */
    PENDING,
    /** Other replicas are alive but none looked in time: the incident opens, seen by this one alone. */
    UNANSWERED
  }

  /** One controller: nothing to ask. */
  public static final Opinion SINGLE = new Opinion(Kind.ALONE, List.of(), List.of());

  public Opinion {
    seenBy = List.copyOf(seenBy);
    reachedBy = List.copyOf(reachedBy);
  }

  /** Whether the incident opens now. */
  public boolean opens() {
    return kind != Kind.REFUTED && kind != Kind.PENDING;
  }

  /**
   * The verdict on a server {@code me} has seen failing since {@code asked}, from the latest look of
   * each replica: only the looks of {@code others} (the live replicas but {@code me}) made since
   * {@code asked} count. One that failed confirms; else one that reached the server refutes; else the
   * others are waited for until {@code asked + wait}.
   */
  public static Opinion judge(String me, Collection<String> others, Instant asked, List<Look> looks, Instant now,
      Duration wait) {
    List<String> alive = others.stream().filter(o -> !o.equals(me)).toList();
    if (alive.isEmpty()) {
      return new Opinion(Kind.ALONE, List.of(me), List.of());
    }
    List<String> failedBy = new ArrayList<>();
    List<String> reachedBy = new ArrayList<>();
    for (Look look : looks) {
      if (alive.contains(look.replica()) && !look.looked().isBefore(asked)) {
        (look.failed() ? failedBy : reachedBy).add(look.replica());
      }
    }
    if (!failedBy.isEmpty()) {
      List<String> seen = new ArrayList<>(List.of(me));
      seen.addAll(failedBy);
      return new Opinion(Kind.CONFIRMED, seen, reachedBy);
    }
    if (!reachedBy.isEmpty()) {
      return new Opinion(Kind.REFUTED, List.of(me), reachedBy);
    }
    return now.isBefore(asked.plus(wait)) ? new Opinion(Kind.PENDING, List.of(me), List.of())
        : new Opinion(Kind.UNANSWERED, List.of(me), List.of());
  }
}
