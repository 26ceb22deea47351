package com.conobium.gardien.reconciler.notify;

import java.time.Instant;
import java.util.List;

/**
 * One message to people: a credential link, an incident and its end, a maintenance summary.
 *
 * @param to the recipients' mail addresses
 * @param subject the subject line
 * @param body the plain-text body (never a secret: links carry those)
 * @param sent when it was written
 * @param attachments files sent with it (a monthly report)
 */
public record Notification(List<String> to, String subject, String body, Instant sent, List<Attachment> attachments) {
  public Notification {
    to = List.copyOf(to);
    attachments = List.copyOf(attachments);
  }

  /** A message without attachments. */
  public Notification(List<String> to, String subject, String body, Instant sent) {
    this(to, subject, body, sent, List.of());
  }

  /** A file sent with a message. */
  public record Attachment(String fileName, String contentType, byte[] content) {}
}
