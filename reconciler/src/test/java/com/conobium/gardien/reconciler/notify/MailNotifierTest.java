package com.conobium.gardien.reconciler.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.reconciler.LocalSmtp;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailNotifierTest {
  @Test
  void aNotificationArrivesThroughTheRelayAsAnAutomaticMail() throws Exception {
    try (LocalSmtp local = LocalSmtp.start("127.0.0.1")) {
      GreenMail smtp = local.mail();
      MailNotifier notifier = new MailNotifier(
          new FleetSpec.Smtp("127.0.0.1", local.port(), "gardien@example.net", null, "none"), null);
      notifier.send(new Notification(List.of("ops@example.net", "oncall@example.net"), "[gardien] web1 is down",
          "web1 has not answered for 5 minutes.", Instant.parse("2026-12-06T08:00:00Z")));

      assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
      MimeMessage mail = smtp.getReceivedMessages()[0];
      assertThat(mail.getSubject()).isEqualTo("[gardien] web1 is down");
      assertThat(mail.getFrom()[0].toString()).isEqualTo("gardien@example.net");
      assertThat(mail.getAllRecipients()).extracting(Object::toString)
          .containsExactly("ops@example.net", "oncall@example.net");
      assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(GreenMailUtil.getBody(mail)).contains("has not answered for 5 minutes");
    }
  }

  @Test
  void anAttachmentArrivesAsAFileBesideTheText() throws Exception {
    byte[] pdf = "%PDF-1.7 a report".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (LocalSmtp local = LocalSmtp.start("127.0.0.1")) {
      new MailNotifier(new FleetSpec.Smtp("127.0.0.1", local.port(), "gardien@example.net", null, "none"), null)
          .send(new Notification(List.of("contact@example.fr"), "[gardien] Rapport mensuel web1 — novembre 2026",
              "Veuillez trouver ci-joint le rapport.", Instant.parse("2026-12-01T05:00:00Z"),
              List.of(new Notification.Attachment("web1-2026-11.pdf", "application/pdf", pdf))));

      assertThat(local.mail().waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage mail = local.mail().getReceivedMessages()[0];
      assertThat(mail.getSubject()).isEqualTo("[gardien] Rapport mensuel web1 — novembre 2026");
      jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mail.getContent();
      assertThat(parts.getCount()).isEqualTo(2);
      assertThat(parts.getBodyPart(0).getContent().toString()).isEqualTo("Veuillez trouver ci-joint le rapport.");
      jakarta.mail.BodyPart file = parts.getBodyPart(1);
      assertThat(file.getFileName()).isEqualTo("web1-2026-11.pdf");
      assertThat(file.getContentType()).startsWith("application/pdf");
      assertThat(file.getDisposition()).isEqualTo(jakarta.mail.Part.ATTACHMENT);
      assertThat(file.getInputStream().readAllBytes()).isEqualTo(pdf);
    }
  }

  @Test
  void aRelayItCannotUseIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> new MailNotifier(null, null)).isInstanceOf(NotifyException.class)
        .hasMessageContaining("smtp.host");
    assertThatThrownBy(() -> new MailNotifier(new FleetSpec.Smtp("relay.example.net", 587, null, "gardien", null), null))
        .isInstanceOf(NotifyException.class).hasMessageContaining("gardien secrets put --fleet smtp-password");
  }

  @Test
  void aRelayThatDoesNotAnswerIsAClearError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    MailNotifier notifier = new MailNotifier(new FleetSpec.Smtp("127.0.0.1", port, null, null, "none"), null);
    assertThatThrownBy(() -> notifier.send(new Notification(List.of("ops@example.net"), "subject", "body",
        Instant.now()))).isInstanceOf(NotifyException.class).hasMessageContaining("cannot mail \"subject\" to ops@example.net through 127.0.0.1:" + port);
  }
}
