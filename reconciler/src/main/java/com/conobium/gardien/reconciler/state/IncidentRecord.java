package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * An incident as the state database keeps it.
 *
 * @param id its number (0 before it is stored)
 * @param server the server
 * @param started the first failed round
 * @param alerted when it was declared
 * @param ended the first round that passed again; null while open
 * @param failedChecks the failed checks, comma-separated
 * @param lastErrors their errors, one a line
 * @param diagnosis what they say of the cause, in a line
 * @param details what the server said of itself when the incident opened (units down, recent
 *     errors, disks, memory); empty when it was not read
 * @param seenBy the replicas that saw the failure, comma-separated (several replicas: the owner and
 *     the ones that confirmed it from where they stand); empty with one controller
 */
public record IncidentRecord(long id, String server, Instant started, Instant alerted, Instant ended,
    String failedChecks, String lastErrors, String diagnosis, String details, String seenBy) {
  public IncidentRecord {
    details = details == null ? "" : details;
    seenBy = seenBy == null ? "" : seenBy;
  }

  /** An incident seen by one controller. */
  public IncidentRecord(long id, String server, Instant started, Instant alerted, Instant ended,
      String failedChecks, String lastErrors, String diagnosis, String details) {
    this(id, server, started, alerted, ended, failedChecks, lastErrors, diagnosis, details, "");
  }
}
