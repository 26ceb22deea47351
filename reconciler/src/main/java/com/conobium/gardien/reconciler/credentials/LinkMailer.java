package com.conobium.gardien.reconciler.credentials;

import com.conobium.gardien.reconciler.notify.MailNotifier;
import com.conobium.gardien.reconciler.notify.Notification;
import com.conobium.gardien.reconciler.notify.NotifyException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes a credential link as a mail and sends it with the {@link MailNotifier} (the Fleet's SMTP
 * relay). The mail holds the link, its expiry and the names of the secrets; never a secret itself
 * (those are only behind the link, encrypted under the key of its fragment).
 */
public final class LinkMailer {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final MailNotifier notifier;

  /** Sends through {@code notifier}. */
  public LinkMailer(MailNotifier notifier) {
    this.notifier = notifier;
  }

  /** Sends {@code shared} to {@code to}. */
  public void send(String to, SharedLink shared) {
    try {
      notifier.send(notification(to, shared), "the link of " + shared.link().server());
    } catch (NotifyException e) {
      throw new CredentialLinkException(e.getMessage());
    }
  }

  /** The mail for {@code shared}. */
  static Notification notification(String to, SharedLink shared) {
    return new Notification(List.of(to), "Credentials for your server " + shared.link().server(), body(shared),
        shared.link().created());
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
}
