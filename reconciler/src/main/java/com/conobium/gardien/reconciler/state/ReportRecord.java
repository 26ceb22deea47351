package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * A monthly report the daemon made (without its PDF: {@link ReportArchive#pdf}).
 *
 * @param month {@code YYYY-MM}
 * @param delivered when it was mailed; null until then
 * @param deliveryError why the last mailing failed; null when it did not
 */
public record ReportRecord(long id, String server, String month, String language, Instant generated, int bytes,
    Instant delivered, String deliveryError) {}
