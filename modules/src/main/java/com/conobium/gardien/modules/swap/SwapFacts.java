package com.conobium.gardien.modules.swap;

import com.conobium.gardien.modules.spi.FactsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * What the swap probe found.
 *
 * @param memTotalKb RAM, from {@code /proc/meminfo}
 * @param swapTotalKb all swap in use
 * @param container {@code systemd-detect-virt --container}: {@code none} or the container kind
 * @param fileBytes the swap file's size; empty when there is no such file
 * @param active whether the file is swap in use ({@code /proc/swaps})
 * @param inFstab whether {@code /etc/fstab} turns it on at boot
 */
record SwapFacts(long memTotalKb, long swapTotalKb, String container, OptionalLong fileBytes, boolean active,
    boolean inFstab) {

  /** A container's swap is its host's: it can neither make nor turn on its own. */
  boolean inContainer() {
    return !container.isBlank() && !container.equals("none");
  }

  static SwapFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.path("memTotalKb").isNumber()) {
      throw new FactsException("swap probe: expected an object with memTotalKb, got " + json);
    }
    JsonNode file = json.path("fileBytes");
    return new SwapFacts(json.get("memTotalKb").asLong(), json.path("swapTotalKb").asLong(0),
        json.path("container").asText("").strip(),
        file.isNumber() ? OptionalLong.of(file.asLong()) : OptionalLong.empty(),
        json.path("active").asBoolean(false), json.path("inFstab").asBoolean(false));
  }
}
