package com.conobium.gardien.modules.time;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What the time probe found.
 *
 * @param chronyInstalled whether dpkg has chrony installed
 * @param sourcesFile Gardien's chrony sources file
 * @param sourcesContent that file's content, for display only (comparison uses the hash)
 * @param serviceEnabled {@code systemctl is-enabled chrony.service}: {@code enabled},
 *     {@code disabled}, {@code masked}… or empty when the unit does not exist
 * @param serviceActive {@code systemctl is-active chrony.service}: {@code active},
 *     {@code inactive}, {@code failed}…
 * @param container {@code systemd-detect-virt --container}: {@code none} or the container kind
 * @param localtimeLink where {@code /etc/localtime} points; empty when it is not a symbolic link
 * @param timezoneFile content of the legacy {@code /etc/timezone}; empty when absent (trixie no
 *     longer creates it)
 * @param configFile chrony's main configuration, {@code /etc/chrony/chrony.conf}
 */
public record TimeFacts(
    boolean chronyInstalled,
    FileFacts sourcesFile,
    String sourcesContent,
    String serviceEnabled,
    String serviceActive,
    String container,
    String localtimeLink,
    Optional<String> timezoneFile,
    FileFacts configFile) {

  private static final String ZONEINFO = "zoneinfo/";

  /**
   * Whether this is a container, where the host keeps the clock: chrony cannot run (its unit has
   * {@code ConditionCapability=CAP_SYS_TIME}) and need not.
   */
  public boolean hostKeepsTime() {
    return !container.isBlank() && !container.equals("none");
  }

  /** The time zone {@code /etc/localtime} selects, or empty when it is not a zoneinfo link. */
  public Optional<String> timezone() {
    int at = localtimeLink.lastIndexOf(ZONEINFO);
    return at < 0
        ? Optional.empty()
        : Optional.of(localtimeLink.substring(at + ZONEINFO.length()))
            .filter(zone -> !zone.isEmpty());
  }

  /** Parses the probe's JSON. */
  public static TimeFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.path("chronyInstalled").isBoolean()) {
      throw new FactsException("time probe: expected an object with chronyInstalled, got " + json);
    }
    JsonNode timezoneFile = json.path("timezoneFile");
    return new TimeFacts(
        json.get("chronyInstalled").booleanValue(),
        FileFacts.parse(json.get("sourcesFile")),
        json.path("sourcesContent").asText(""),
        firstLine(json.path("enabled").asText("")),
        firstLine(json.path("active").asText("")),
        firstLine(json.path("container").asText("")),
        json.path("localtime").asText("").strip(),
        timezoneFile.isTextual() ? Optional.of(timezoneFile.textValue().strip()) : Optional.empty(),
        FileFacts.parse(json.get("configFile")));
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).strip();
  }
}
