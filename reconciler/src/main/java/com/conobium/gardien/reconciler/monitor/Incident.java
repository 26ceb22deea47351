package com.conobium.gardien.reconciler.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A server that failed its checks {@code failuresBeforeAlert} rounds in a row, until it answers
 * again.
 *
 * @param server the server
 * @param started the first failed round
 * @param alerted when it was declared (the round that reached the threshold)
 * @param ended the first round that passed again; null while open
 * @param failedChecks the checks that failed in the declaring round
 * @param lastErrors their errors, one a check
 * @param diagnosis what the failed checks (and the server's own report) say of the cause, in a line
 * @param details the server's own report when it was read ({@link ServerReport}), else empty
 * @param seenBy the replicas that saw the failure ({@link Opinion#seenBy()}); empty with one controller
 */
public record Incident(String server, Instant started, Instant alerted, Instant ended, List<String> failedChecks,
    List<String> lastErrors, String diagnosis, String details, List<String> seenBy) {
  public Incident {
    failedChecks = List.copyOf(failedChecks);
    lastErrors = List.copyOf(lastErrors);
    details = details == null ? "" : details;
    seenBy = seenBy == null ? List.of() : List.copyOf(seenBy);
  }

  /** An incident seen by one controller. */
  public Incident(String server, Instant started, Instant alerted, Instant ended, List<String> failedChecks,
      List<String> lastErrors, String diagnosis, String details) {
    this(server, started, alerted, ended, failedChecks, lastErrors, diagnosis, details, List.of());
  }

  /** How long the server was down: until now while open. */
  public Duration duration(Instant now) {
    return Duration.between(started, ended == null ? now : ended);
  }

  Incident endedAt(Instant end) {
    return new Incident(server, started, alerted, end, failedChecks, lastErrors, diagnosis, details, seenBy);
  }

  Incident withReport(String newDiagnosis, String newDetails) {
    return new Incident(server, started, alerted, ended, failedChecks, lastErrors, newDiagnosis, newDetails, seenBy);
  }
}
