package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server's sshd is.
 *
 * @param dropIn Gardien's drop-in file
 * @param active whether ssh.service runs
 */
public record SshFacts(FileFacts dropIn, boolean active) {
  static SshFacts parse(JsonNode json) throws FactsException {
    if (!json.path("active").isTextual()) {
      throw new FactsException("expected 'active' in " + json);
    }
    return new SshFacts(FileFacts.parse(json.get("dropIn")), "active".equals(json.get("active").asText()));
  }
}
