package com.conobium.gardien.modules.alerts;

import java.util.List;

/**
 * What the root-login alert must be on one server.
 *
 * @param enabled whether the alert is installed
 * @param msmtprc the mail relay configuration (null when the fleet names no SMTP relay)
 * @param script the script PAM runs when a session opens
 * @param recipients who receives the mail
 */
public record AlertsDesired(boolean enabled, String msmtprc, String script, List<String> recipients) {
  public AlertsDesired {
    recipients = List.copyOf(recipients);
  }
}
