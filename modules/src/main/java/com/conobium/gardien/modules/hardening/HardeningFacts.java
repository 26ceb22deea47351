package com.conobium.gardien.modules.hardening;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the hardening probe found.
 *
 * @param container {@code systemd-detect-virt --container}: {@code none} or the container kind
 * @param files path to what {@code jfile} reported, for every path of {@link HardeningDesired#paths()}
 * @param sysctl parameter to its live value, for every parameter Gardien sets
 */
record HardeningFacts(String container, Map<String, FileFacts> files, Map<String, LiveValue> sysctl) {

  /**
   * One kernel parameter as the server has it now.
   *
   * @param value its value with runs of blanks made one space; null when the kernel has no such
   *     parameter
   * @param writable whether this system may set it (in a container, only the network's are)
   */
  record LiveValue(String value, boolean writable) {}

  HardeningFacts {
    files = Map.copyOf(files);
    sysctl = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sysctl));
  }

  FileFacts file(String path) {
    return files.getOrDefault(path, FileFacts.absent());
  }

  static HardeningFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject() || !json.path("files").isObject() || !json.path("sysctl").isObject()) {
      throw new FactsException("hardening probe: expected an object with files and sysctl, got " + json);
    }
    Map<String, FileFacts> files = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> f = json.get("files").fields();
    while (f.hasNext()) {
      Map.Entry<String, JsonNode> e = f.next();
      files.put(e.getKey(), FileFacts.parse(e.getValue()));
    }
    Map<String, LiveValue> sysctl = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> s = json.get("sysctl").fields();
    while (s.hasNext()) {
      Map.Entry<String, JsonNode> e = s.next();
      JsonNode value = e.getValue().path("value");
      sysctl.put(e.getKey(), new LiveValue(value.isTextual() ? normal(value.textValue()) : null,
          e.getValue().path("writable").asBoolean(false)));
    }
    return new HardeningFacts(json.path("container").asText("").strip(), files, sysctl);
  }

  /** A parameter's value as the kernel prints it, with its blanks made comparable. */
  static String normal(String value) {
    return value.strip().replaceAll("\\s+", " ");
  }
}
