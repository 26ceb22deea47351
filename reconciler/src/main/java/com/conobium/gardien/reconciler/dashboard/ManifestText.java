package com.conobium.gardien.reconciler.dashboard;

import com.conobium.gardien.model.ServerSpec;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server's effective manifest (its profile and the Fleet's defaults applied) as YAML for the
 * server page. Manifests hold no secret values (those live in the secret store), but any field
 * whose name says it could carry one is masked all the same.
 */
final class ManifestText {
  static final String MASK = "(masked)";
  private static final Pattern SENSITIVE = Pattern.compile("(?i).*(password|secret|token|passphrase|privatekey).*");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

  String of(ServerSpec spec) {
    return of((JsonNode) yaml.valueToTree(spec));
  }

  /** {@code tree} as YAML, its secret-looking fields masked. */
  String of(JsonNode tree) {
    tree = tree.deepCopy();
    mask(tree);
    try {
      return yaml.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      return "(the manifest could not be shown: " + e.getOriginalMessage() + ")";
    }
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (SENSITIVE.matcher(name).matches() && value.isTextual()) {
          object.put(name, MASK);
        } else {
          mask(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(ManifestText::mask);
    }
  }
}
