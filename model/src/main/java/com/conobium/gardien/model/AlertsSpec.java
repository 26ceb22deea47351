package com.conobium.gardien.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
  public record RootLogin(@JsonPropertyDescription("whether the alert is installed")
    Boolean enabled, @JsonPropertyDescription("addresses; when empty the fleet's notification addresses are used")
    List<String> recipients) {
    public RootLogin {
      enabled = enabled == null || enabled;
      recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
  }
}
