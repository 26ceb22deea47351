package com.conobium.gardien.reconciler.notify;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/**
 * Sends notifications by mail through the Fleet's SMTP relay ({@code spec.smtp} of the Fleet
 * manifest: host, port, from, and {@code tls} {@code starttls}/{@code tls}/{@code none}): the one
 * way Gardien itself writes to people, used by credential links and, on the daemon, by the
 * monitoring's incidents.
 *
 * <p>When the Fleet names an SMTP {@code username}, its password is the fleet-wide secret
 * {@link #PASSWORD_SECRET} ({@code gardien secrets put --fleet smtp-password --file FILE}); a
 * username without a stored password is refused before anything is sent. Without a username the
 * relay is used without login, as the servers' alert relay does.
 */
public final class MailNotifier {
  /** The fleet-wide secret holding the SMTP relay login's password. */
  public static final String PASSWORD_SECRET = "smtp-password";

  private final FleetSpec.Smtp smtp;
  private final String password;

  /**
   * @param password the relay login's password, or null when the fleet stores none
   * @throws NotifyException without a relay, or with a username but no password
   */
  public MailNotifier(FleetSpec.Smtp smtp, String password) {
    if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
      throw new NotifyException("mailing needs the Fleet's smtp.host");
    }
    if (smtp.username() != null && password == null) {
      throw new NotifyException("the Fleet's smtp.username is " + smtp.username() + " but no password is"
          + " stored: gardien secrets put --fleet " + PASSWORD_SECRET + " --file FILE");
    }
    this.smtp = smtp;
    this.password = password;
  }

  /** The notifier of {@code fleet}, with the relay password from {@code secrets}. */
  public static MailNotifier of(FleetSpec fleet, SecretStore secrets) {
    return new MailNotifier(fleet.smtp(),
        secrets.get(SecretStore.FLEET, PASSWORD_SECRET).map(Secret::reveal).orElse(null));
  }

  /** Sends {@code notification}; the relay's refusal is a {@link NotifyException}. */
  public void send(Notification notification) {
    send(notification, "\"" + notification.subject() + "\"");
  }

  /**
   * Sends {@code notification}; the relay's refusal is a {@link NotifyException} whose message
   * names it as {@code what} (e.g. {@code the link of web1}).
   */
  public void send(Notification notification, String what) {
    Session session = Session.getInstance(properties());
    try {
      MimeMessage message = message(session, notification);
      if (smtp.username() != null) {
        Transport.send(message, smtp.username(), password);
      } else {
        Transport.send(message);
      }
    } catch (AddressException e) {
      throw new NotifyException("not a mail address: " + e.getRef());
    } catch (MessagingException e) {
      // the message of a MessagingException names the relay's answer, never the mail's body
      throw new NotifyException("cannot mail " + what + " to "
          + String.join(", ", notification.to()) + " through " + smtp.host() + ":" + smtp.port() + ": "
          + e.getMessage());
    }
  }

  /** The mail for {@code notification}, ready to send. */
  MimeMessage message(Session session, Notification notification) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(smtp.from() == null ? "gardien@localhost" : smtp.from(), true));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", notification.to()), true));
    message.setSubject(notification.subject(), "UTF-8");
    message.setSentDate(Date.from(notification.sent()));
    message.setHeader("Auto-Submitted", "auto-generated");
    if (notification.attachments().isEmpty()) {
      message.setText(notification.body(), "UTF-8");
      return message;
    }
    jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
    jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
    text.setText(notification.body(), "UTF-8");
    parts.addBodyPart(text);
    for (Notification.Attachment a : notification.attachments()) {
      jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
      file.setDataHandler(new jakarta.activation.DataHandler(
          new jakarta.mail.util.ByteArrayDataSource(a.content(), a.contentType())));
      file.setFileName(a.fileName());
      file.setDisposition(jakarta.mail.Part.ATTACHMENT);
      parts.addBodyPart(file);
    }
    message.setContent(parts);
    return message;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", smtp.host());
    p.put("mail.smtp.port", String.valueOf(smtp.port()));
    p.put("mail.smtp.connectiontimeout", "15000");
    p.put("mail.smtp.timeout", "30000");
    p.put("mail.smtp.writetimeout", "30000");
    p.put("mail.smtp.auth", String.valueOf(smtp.username() != null && password != null));
    switch (smtp.tls()) {
      case "tls" -> {
        p.put("mail.smtp.ssl.enable", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case "none" -> { }
      default -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.checkserveridentity", "true");
      }
    }
    return p;
  }
}
