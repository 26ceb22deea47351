package com.conobium.gardien.model;

import java.util.List;

/** Alerts sent by the server itself. */
public record AlertsSpec(RootLogin rootLogin) {
  public AlertsSpec {
    rootLogin = rootLogin == null ? new RootLogin(null, null) : rootLogin;
  }

  /**
   * An e-mail on every root login or session that becomes root.
   *
   * @param enabled whether the alert is installed
   * @param recipients addresses; when empty the fleet's notification addresses are used
   */
  public record RootLogin(Boolean enabled, List<String> recipients) {
    public RootLogin {
      enabled = enabled == null || enabled;
      recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
  }
}
