package com.conobium.gardien.reconciler.monitor;

import com.conobium.gardien.reconciler.notify.Notification;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The alert and the recovery notice of an incident, as the operators read them. Pure. */
final class IncidentMails {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private IncidentMails() {}

  static Notification alert(Incident incident, List<String> to) {
    String body = "Server " + incident.server() + " has failed its checks since " + WHEN.format(incident.started())
        + ".\n\nDiagnosis: " + incident.diagnosis()
        + (incident.seenBy().size() > 1 ? "\nSeen failing from replicas " + String.join(", ", incident.seenBy())
            + " (each from where it stands)." : "")
        + (incident.seenBy().size() == 1 ? "\nSeen failing from replica " + incident.seenBy().get(0)
            + " alone: no other replica was alive, or none looked in time." : "")
        + "\n\nLast errors:\n"
        + String.join("\n", incident.lastErrors().stream().map(e -> "  " + e).toList())
        + (incident.details().isEmpty() ? "" : "\n\nWhat the server says of itself (over SSH):\n" + incident.details())
        + "\n\nA recovery notice follows when it answers again.\n\n-- \nGardien\n";
    return new Notification(to, "[gardien] " + incident.server() + " down: " + String.join(", ", incident.failedChecks()),
        body, incident.alerted());
  }

  static Notification recovery(Incident incident, List<String> to) {
    Duration down = incident.duration(incident.ended());
    String body = "Server " + incident.server() + " answers again since " + WHEN.format(incident.ended())
        + ".\n\nDown for " + DurationText.of(down) + " (from " + WHEN.format(incident.started())
        + ").\nDiagnosis at the time: " + incident.diagnosis() + "\n\n-- \nGardien\n";
    return new Notification(to, "[gardien] " + incident.server() + " recovered after " + DurationText.of(down), body,
        incident.ended());
  }
}
