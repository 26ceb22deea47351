package com.conobium.gardien.modules.ssh;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server's sshd is.
 *
 * @param dropIn Gardien's drop-in file
 * @param active whether ssh.service runs
 * @param sitesDropIn the sites' SFTP drop-in
 */
public record SshFacts(FileFacts dropIn, boolean active, FileFacts sitesDropIn) {
  /** Facts without the sites' drop-in (absent). */
  public SshFacts(FileFacts dropIn, boolean active) {
    this(dropIn, active, FileFacts.absent());
  }

  static SshFacts parse(JsonNode json) throws FactsException {
    if (!json.path("active").isTextual()) {
      throw new FactsException("expected 'active' in " + json);
    }
    return new SshFacts(FileFacts.parse(json.get("dropIn")), "active".equals(json.get("active").asText()),
        json.has("sitesDropIn") ? FileFacts.parse(json.get("sitesDropIn")) : FileFacts.absent());
  }
}
