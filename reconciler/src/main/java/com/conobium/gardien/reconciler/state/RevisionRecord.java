package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * The config repository revision in force.
 *
 * @param id the full commit id
 * @param committed when it was committed; null if unknown
 * @param subject the first line of its message
 * @param since when it came into force
 */
public record RevisionRecord(String id, Instant committed, String subject, Instant since) {}
