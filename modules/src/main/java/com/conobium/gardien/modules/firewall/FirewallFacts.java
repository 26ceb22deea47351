package com.conobium.gardien.modules.firewall;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server's firewall.
 *
 * @param file {@code /etc/nftables.conf}
 * @param liveMatches whether the live {@code inet gardien} table carries the desired fingerprint
 * @param enabled whether nftables.service loads the file at boot
 */
public record FirewallFacts(FileFacts file, boolean liveMatches, boolean enabled) {
  static FirewallFacts parse(JsonNode json) throws FactsException {
    if (!json.path("live").isBoolean() || !json.path("enabled").isTextual()) {
      throw new FactsException("expected 'live' and 'enabled' in " + json);
    }
    return new FirewallFacts(FileFacts.parse(json.get("file")), json.get("live").booleanValue(),
        "enabled".equals(json.get("enabled").asText()));
  }
}
