package com.conobium.gardien.modules.prerequisites;

import com.conobium.gardien.modules.spi.FactsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the prerequisites probe found.
 *
 * @param osVersionId {@code VERSION_ID} of {@code /etc/os-release}, e.g. {@code 13}; empty on a
 *     testing release
 * @param debianVersion content of {@code /etc/debian_version}, e.g. {@code 13.1} or {@code trixie/sid}
 * @param virtualisation what the server runs on
 * @param mdstat content of {@code /proc/mdstat}; empty when there is none
 * @param mountPoints for each path asked about, the mount point it lives on (empty when unknown)
 * @param memTotalKb {@code MemTotal} of {@code /proc/meminfo}
 * @param swapTotalKb {@code SwapTotal} of {@code /proc/meminfo}
 */
public record PrerequisitesFacts(
    String osVersionId,
    String debianVersion,
    Virtualisation virtualisation,
    String mdstat,
    Map<String, String> mountPoints,
    OptionalLong memTotalKb,
    OptionalLong swapTotalKb) {

  private static final Pattern ACTIVE_ARRAY =
      Pattern.compile("^(md\\S*)\\s*:\\s*active\\s+(?:\\(\\S+\\)\\s+)?(\\S+)", Pattern.MULTILINE);

  public PrerequisitesFacts {
    mountPoints = Map.copyOf(mountPoints);
  }

  /** The major release: {@code VERSION_ID}, else the part of debian_version before the dot. */
  public String debianMajor() {
    if (!osVersionId.isBlank()) {
      return osVersionId.strip();
    }
    return debianVersion.strip().split("\\.", 2)[0];
  }

  /** Active md arrays, e.g. {@code md0 (raid1)}, in mdstat order. */
  public List<String> activeArrays() {
    List<String> arrays = new ArrayList<>();
    Matcher m = ACTIVE_ARRAY.matcher(mdstat);
    while (m.find()) {
      arrays.add(m.group(1) + " (" + m.group(2) + ")");
    }
    return arrays;
  }

  /** Parses the probe's JSON. */
  public static PrerequisitesFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.path("mounts").isObject()) {
      throw new FactsException("prerequisites probe: expected an object with mounts, got " + json);
    }
    Map<String, String> mounts = new LinkedHashMap<>();
    var fields = json.get("mounts").fields();
    while (fields.hasNext()) {
      var field = fields.next();
      mounts.put(field.getKey(), field.getValue().asText("").strip());
    }
    return new PrerequisitesFacts(
        json.path("osVersionId").asText("").strip(),
        json.path("debianVersion").asText("").strip(),
        Virtualisation.of(
            json.path("vm").asText("").strip(), json.path("container").asText("").strip()),
        json.path("mdstat").asText(""),
        mounts,
        kilobytes(json, "memTotalKb"),
        kilobytes(json, "swapTotalKb"));
  }

  private static OptionalLong kilobytes(JsonNode json, String field) throws FactsException {
    JsonNode value = json.path(field);
    if (value.isIntegralNumber()) {
      return OptionalLong.of(value.longValue());
    }
    if (value.isNull() || value.isMissingNode()) {
      return OptionalLong.empty();
    }
    throw new FactsException("prerequisites probe: " + field + " is not a number: " + value);
  }
}
