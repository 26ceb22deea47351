package com.conobium.gardien.model.schema;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code docs/manifest.md}, the field reference, from the same schemas and records the
 * loader uses: every field with its type, default, allowed values and meaning. A test keeps the
 * committed file in step; regenerate with this class's {@code main}.
 */
public final class ManifestReference {
  private final ManifestSchemas schemas = new ManifestSchemas();
  private final ObjectMapper mapper = new ObjectMapper();

  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("# Manifest reference\n\n")
        .append("<!-- Generated from the model by ManifestReference; do not edit by hand. -->\n\n")
        .append("Every manifest is a YAML document with `apiVersion: ").append(ManifestSchemas.API_VERSION)
        .append("`, a `kind`, `metadata` (`name`: a DNS label, unique per kind; `labels`: free text) and a `spec`.\n")
        .append("A config repository holds exactly one `Fleet`, any number of `Profile`s and one `Server` per server.\n\n")
        .append("## Merging\n\n")
        .append("A server's effective spec is its `Server` spec merged over its `Profile`'s spec, merged over the Fleet's ")
        .append("`spec.defaults`, over the built-in defaults below. Mappings merge deeply; lists replace as a whole; ")
        .append("an explicit `null` removes a value so that the default applies.\n\n")
        .append("## Validation\n\n")
        .append("`gardien validate` (and every command before it reaches a server) reports all problems of the ")
        .append("repository at once, each as `file:line:column: field.path: message`: YAML syntax, unknown fields ")
        .append("(with a suggestion), wrong types, values out of range or not allowed, and the rules that span ")
        .append("the repository: duplicate server, profile or site names; a domain served twice in the fleet; ")
        .append("a firewall port listed twice or clashing with SSH; an SSH port the firewall does not open; an unknown ")
        .append("profile; invalid CIDR blocks or domain names; a provided certificate without its secret names; a ")
        .append("package both installed and removed; a missing Fleet or a second one.\n\n");
    ObjectNode fleetDoc = schemas.document("Fleet");
    ObjectNode serverDoc = schemas.document("Server");
    b.append("## Fleet `spec`\n\n");
    table(b, fleetDoc, (ObjectNode) fleetDoc.at("/properties/spec"), "", defaults(FleetSpec.class), true);
    b.append("`defaults` takes any field of a Profile spec (below).\n\n");
    b.append("## Server `spec` (a Profile spec is the same without `profile`)\n\n");
    table(b, serverDoc, (ObjectNode) serverDoc.at("/properties/spec"), "", defaults(ServerSpec.class), true);
    return b.toString();
  }

  private JsonNode defaults(Class<?> type) {
    try {
      return mapper.valueToTree(mapper.treeToValue(mapper.createObjectNode(), type));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void table(StringBuilder b, ObjectNode doc, ObjectNode schema, String prefix, JsonNode defaults, boolean header) {
    List<String[]> rows = new ArrayList<>();
    collect(doc, schema, prefix, defaults, rows);
    b.append("| field | type | default | allowed | meaning |\n|---|---|---|---|---|\n");
    for (String[] r : rows) {
      b.append("| `").append(r[0]).append("` | ").append(r[1]).append(" | ").append(r[2]).append(" | ")
          .append(r[3]).append(" | ").append(r[4]).append(" |\n");
    }
    b.append('\n');
  }

  private void collect(ObjectNode doc, JsonNode schema, String prefix, JsonNode defaults, List<String[]> rows) {
    JsonNode props = resolve(doc, schema).path("properties");
    List<String> names = new ArrayList<>();
    props.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (prefix.isEmpty() && name.equals("defaults")) {
        rows.add(new String[] {"defaults", "mapping", "", "", "a partial Profile spec applied under every profile"});
        continue;
      }
      JsonNode field = props.get(name);
      JsonNode target = resolve(doc, field);
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      String type = type(doc, target);
      JsonNode def = defaults == null ? null : defaults.get(name);
      String description = field.path("description").asText(target.path("description").asText(""));
      if (type.equals("mapping")) {
        rows.add(new String[] {path, type, "", "", esc(description)});
        collect(doc, target, path, def, rows);
      } else if (type.equals("list of mappings")) {
        rows.add(new String[] {path + "[]", type, def == null || def.isEmpty() ? "" : code(def), "", esc(description)});
        collect(doc, resolve(doc, target.get("items")), path + "[]", null, rows);
      } else {
        rows.add(new String[] {path, type, def == null || def.isNull() ? "" : code(def), allowed(target, resolve(doc, target.path("items"))), esc(description)});
      }
    }
  }

  private JsonNode resolve(ObjectNode doc, JsonNode schema) {
    JsonNode s = schema;
    for (int i = 0; i < 5 && s != null; i++) {
      if (s.has("$ref")) {
        s = doc.at(s.get("$ref").asText().substring(1));
      } else if (s.has("anyOf")) {
        JsonNode next = null;
        for (JsonNode alt : s.get("anyOf")) {
          if (!"null".equals(alt.path("type").asText())) {
            next = alt;
          }
        }
        s = next;
      } else {
        return s;
      }
    }
    return s == null ? mapper.createObjectNode() : s;
  }

  private String type(ObjectNode doc, JsonNode s) {
    JsonNode t = s.get("type");
    String type = "";
    if (t != null) {
      for (JsonNode x : t.isArray() ? t : mapper.createArrayNode().add(t)) {
        if (!x.asText().equals("null")) {
          type = x.asText();
        }
      }
    } else if (s.has("properties")) {
      type = "object";
    }
    return switch (type) {
      case "object" -> "mapping";
      case "array" -> {
        JsonNode items = resolve(doc, s.get("items"));
        yield items.has("properties") ? "list of mappings" : "list of " + type(doc, items) + "s";
      }
      case "string" -> "text";
      case "integer" -> "integer";
      case "boolean" -> "boolean";
      default -> type;
    };
  }

  private static String allowed(JsonNode s, JsonNode items) {
    List<String> parts = new ArrayList<>();
    for (JsonNode node : List.of(s, items)) {
      if (node.has("enum")) {
        List<String> values = new ArrayList<>();
        node.get("enum").forEach(v -> {
          if (!v.isNull()) {
            values.add("`" + v.asText() + "`");
          }
        });
        parts.add(String.join(", ", values));
      }
      if (node.has("pattern")) {
        parts.add("`" + node.get("pattern").asText().replace("|", "\\|") + "`");
      }
      if (node.has("minimum") || node.has("maximum")) {
        parts.add(node.path("minimum").asText("") + "…" + node.path("maximum").asText(""));
      }
    }
    return String.join("; ", parts);
  }

  private static String code(JsonNode v) {
    return "`" + (v.isTextual() ? v.asText() : v.toString()).replace("|", "\\|") + "`";
  }

  private static String esc(String s) {
    return s.replace("|", "\\|");
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "docs/manifest.md");
    Files.writeString(file, new ManifestReference().render());
    System.out.println("wrote " + file);
  }
}
