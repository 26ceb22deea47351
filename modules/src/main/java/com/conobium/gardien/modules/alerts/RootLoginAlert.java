package com.conobium.gardien.modules.alerts;

import com.conobium.gardien.model.FleetSpec;
import java.util.List;

/**
 * Renders the files of the root-login alert: the relay configuration for msmtp and the script PAM
 * runs at every session opening, which mails once when a session becomes root's — an SSH login as
 * root, a console login, {@code su}/{@code su -} to root, or an interactive {@code sudo -i},
 * {@code sudo -s} (sudo with a terminal: Gardien's own {@code sudo -n} commands have none and are
 * not reported). A session opened by root as root ({@code su} inside {@code sudo -i}, the
 * {@code su} of {@code sudo su}) is the same root session, already reported: not mailed again.
 * Pure.
 */
final class RootLoginAlert {
  static final String MSMTPRC = "/etc/gardien/msmtprc";
  static final String SCRIPT = "/usr/local/lib/gardien/root-login-alert";
  /**
   * The hook. {@code seteuid}: pam_exec otherwise runs the script with the real user ID of the
   * process opening the session, which for {@code su} and {@code sudo} is the operator's, who may
   * not read the relay configuration: their root sessions sent no mail.
   */
  static final String PAM_LINE = "session optional pam_exec.so quiet seteuid " + SCRIPT;
  /** The PAM services that get the hook: each path into a root session, once. */
  static final List<String> PAM_SERVICES = List.of("sshd", "login", "su", "sudo", "sudo-i");
  /**
   * Services whose file must not hold the hook: Debian's {@code su-l} includes {@code su}, so a
   * hook there too would mail twice for {@code su -}.
   */
  static final List<String> UNHOOKED_SERVICES = List.of("su-l");
  /** Services hooked only where their file exists (a server without a console login program). */
  static final List<String> OPTIONAL_SERVICES = List.of("login");

  private RootLoginAlert() {}

  static String msmtprc(FleetSpec.Smtp smtp) {
    boolean tls = !"none".equals(smtp.tls());
    return """
        # Managed by Gardien from the Fleet's smtp settings: edits here are reverted.
        defaults
        tls %s
        tls_starttls %s
        tls_trust_file /etc/ssl/certs/ca-certificates.crt
        syslog LOG_MAIL
        timeout 15

        account gardien
        host %s
        port %d
        from %s
        auth off

        account default : gardien
        """
        .formatted(tls ? "on" : "off", "starttls".equals(smtp.tls()) ? "on" : "off", smtp.host(),
            smtp.port(), smtp.from() == null ? "root@localhost" : smtp.from());
  }

  static String script(String server, String from, List<String> recipients) {
    return """
        #!/bin/sh
        # Managed by Gardien: mails every session that opens as root (PAM, pam_exec).
        [ "$PAM_TYPE" = open_session ] || exit 0
        [ "$PAM_USER" = root ] || exit 0
        case "$PAM_SERVICE" in
          sudo|sudo-i) [ -n "$PAM_TTY" ] || exit 0 ;;
        esac
        case "$PAM_SERVICE" in
          su|su-l|sudo|sudo-i) [ "${PAM_RUSER:-}" != root ] || exit 0 ;;
        esac
        {
          printf 'To: %%s\\n' %s
          printf 'From: %%s\\n' %s
          printf 'Subject: [gardien] root login on %%s\\n' %s
          printf 'Content-Type: text/plain; charset=UTF-8\\n\\n'
          printf 'Server:   %%s\\n' %s
          printf 'User:     root (by %%s)\\n' "${PAM_RUSER:-$PAM_USER}"
          printf 'Source:   %%s\\n' "${PAM_RHOST:-local}"
          printf 'Service:  %%s\\n' "$PAM_SERVICE"
          printf 'Terminal: %%s\\n' "${PAM_TTY:-none}"
          printf 'Time:     %%s\\n' "$(date -u '+%%Y-%%m-%%d %%H:%%M:%%S UTC')"
        } | timeout 20 msmtp -C %s -t >/dev/null 2>&1
        exit 0
        """
        .formatted(quote(String.join(", ", recipients)), quote(from), quote(server), quote(server), MSMTPRC);
  }

  private static String quote(String s) {
    return com.conobium.gardien.modules.spi.Shell.quote(s);
  }
}
