package com.conobium.gardien.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges a more specific spec over a more general one (Server over Profile over Fleet defaults):
 * mappings merge deeply, lists replace as a whole, and an explicit {@code null} removes the key so
 * that the built-in default applies. Pure; neither input is changed.
 */
public final class SpecMerger {
  /** {@code over} merged over {@code base}. */
  public ObjectNode merge(ObjectNode base, ObjectNode over) {
    ObjectNode result = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode value = f.getValue();
      JsonNode current = result.get(f.getKey());
      if (value.isNull()) {
        result.remove(f.getKey());
      } else if (value.isObject() && current != null && current.isObject()) {
        result.set(f.getKey(), merge((ObjectNode) current, (ObjectNode) value));
      } else {
        result.set(f.getKey(), withoutNulls(value));
      }
    }
    return result;
  }

  /** A value set as a whole keeps no explicit nulls: they mean "the default" there too. */
  private JsonNode withoutNulls(JsonNode value) {
    if (!value.isObject()) {
      return value.deepCopy();
    }
    return merge(((ObjectNode) value).objectNode(), (ObjectNode) value);
  }
}
