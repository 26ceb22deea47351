package com.conobium.gardien.modules.alerts;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server has of the alert.
 *
 * @param msmtprc the relay configuration file
 * @param script the alert script
 * @param pamHooks per PAM service file that exists: whether Gardien's hook line is in it
 */
public record AlertsFacts(FileFacts msmtprc, FileFacts script, Map<String, Boolean> pamHooks) {
  public AlertsFacts {
    pamHooks = Map.copyOf(pamHooks);
  }

  static AlertsFacts parse(JsonNode json) throws FactsException {
    Map<String, Boolean> hooks = new TreeMap<>();
    JsonNode pam = json.path("pam");
    if (!pam.isObject()) {
      throw new FactsException("expected 'pam' in " + json);
    }
    for (var it = pam.fields(); it.hasNext(); ) {
      var e = it.next();
      switch (e.getValue().asText()) {
        case "present" -> hooks.put(e.getKey(), true);
        case "missing" -> hooks.put(e.getKey(), false);
        case "nofile" -> { }
        default -> throw new FactsException("unexpected PAM hook state " + e.getValue());
      }
    }
    return new AlertsFacts(FileFacts.parse(json.get("msmtprc")), FileFacts.parse(json.get("script")), hooks);
  }
}
