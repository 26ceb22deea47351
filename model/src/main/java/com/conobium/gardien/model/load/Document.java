package com.conobium.gardien.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One YAML document of a manifest file, with where each field stands in the file.
 *
 * @param file the file, relative to the repository root
 * @param root the document's tree
 * @param locations field path ({@code spec.sites[1].name}) to where the field is written
 */
record Document(Path file, JsonNode root, Map<String, Location> locations) {

  /** Where {@code path} is written, or its nearest written ancestor. */
  Location locate(String path) {
    String p = path;
    while (true) {
      Location l = locations.get(p);
      if (l != null) {
        return l;
      }
      if (p.isEmpty()) {
        return Location.UNKNOWN;
      }
      p = FieldPaths.parent(p);
    }
  }

  /** Whether the document itself writes {@code path}. */
  boolean writes(String path) {
    return locations.containsKey(path);
  }

  String kind() {
    return root.path("kind").asText("");
  }

  String name() {
    return root.path("metadata").path("name").asText("");
  }
}
