package com.conobium.gardien.reconciler.credentials;

import com.conobium.gardien.model.FleetSpec;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

/**
 * Mails a credential link through the Fleet's SMTP relay ({@code spec.smtp} of the Fleet manifest:
 * host, port, from, and {@code tls} {@code starttls}/{@code tls}/{@code none}). The mail holds the
 * link, its expiry and the names of the secrets; never a secret itself (those are only behind the
 * link, encrypted under the key of its fragment).
 *
 * <p>When the Fleet names an SMTP {@code username}, its password is the fleet-wide secret
 * {@link #PASSWORD_SECRET} ({@code gardien secrets put --fleet smtp-password --file FILE}); a
 * username without a stored password is refused before anything is sent. Without a username the
 * relay is used without login, as the servers' alert relay does.
 */
public final class LinkMailer {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** The fleet-wide secret holding the SMTP relay login's password. */
  public static final String PASSWORD_SECRET = "smtp-password";

  private final FleetSpec.Smtp smtp;
  private final String password;

  /**
   * @param password the relay login's password, or null when the fleet stores none
   * @throws CredentialLinkException without a relay, or with a username but no password
   */
  public LinkMailer(FleetSpec.Smtp smtp, String password) {
    if (smtp == null || smtp.host() == null || smtp.host().isBlank()) {
      throw new CredentialLinkException("mailing a link needs the Fleet's smtp.host");
    }
    if (smtp.username() != null && password == null) {
      throw new CredentialLinkException("the Fleet's smtp.username is " + smtp.username() + " but no password is"
          + " stored: gardien secrets put --fleet " + PASSWORD_SECRET + " --file FILE");
    }
    this.smtp = smtp;
    this.password = password;
  }

  /** Sends {@code shared} to {@code to}. */
  public void send(String to, SharedLink shared) {
    Session session = Session.getInstance(properties());
    try {
      MimeMessage message = message(session, to, shared);
      if (smtp.username() != null) {
        Transport.send(message, smtp.username(), password);
      } else {
        Transport.send(message);
      }
    } catch (AddressException e) {
      throw new CredentialLinkException("not a mail address: " + e.getRef());
    } catch (MessagingException e) {
      // the message of a MessagingException names the relay's answer, never the mail's body
      throw new CredentialLinkException("cannot mail the link of " + shared.link().server() + " to " + to
          + " through " + smtp.host() + ":" + smtp.port() + ": " + e.getMessage());
    }
  }

  /** The mail for {@code shared}, ready to send. */
  MimeMessage message(Session session, String to, SharedLink shared) throws MessagingException {
    CredentialLink link = shared.link();
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(smtp.from() == null ? "gardien@localhost" : smtp.from(), true));
    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
    message.setSubject("Credentials for your server " + link.server(), "UTF-8");
    message.setSentDate(Date.from(link.created()));
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setText(body(shared), "UTF-8");
    return message;
  }

  static String body(SharedLink shared) {
    CredentialLink link = shared.link();
    return """
        Hello,

        the credentials of your server %s (%s) are waiting for you,
        encrypted, behind this link:

        %s

        The link can be opened once, and expires on %s.
        Open it on a device you trust and keep the credentials in a password manager.
        The credentials are not in this mail: they are decrypted in your browser,
        and the key never reaches our server.

        If the page says the link was already viewed and you did not open it, tell us:
        we will change the credentials and send you a new link.

        --\s
        Gardien
        """.formatted(link.server(), String.join(", ", link.names()), shared.url(), WHEN.format(link.expires()));
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
