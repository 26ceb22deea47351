package com.conobium.gardien.model.load;

import com.conobium.gardien.model.Problem;
import com.conobium.gardien.model.schema.ManifestSchemas;
import com.conobium.gardien.model.schema.PublishedSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks each document against its kind's JSON Schema and says what is wrong in plain words, at
 * the line and column of the offending field: unknown fields (with a suggestion), wrong types,
 * values out of range or not among the allowed ones.
 */
final class SchemaCheck {
  private final PublishedSchemas schemas;
  private final Map<String, ObjectNode> documents = new HashMap<>();
  private final Map<String, Schema> compiled = new HashMap<>();

  SchemaCheck(PublishedSchemas schemas) {
    this.schemas = schemas;
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    for (String kind : ManifestSchemas.FILES.keySet()) {
      ObjectNode doc = schemas.document(kind);
      documents.put(kind, doc);
      compiled.put(kind, registry.getSchema(doc));
    }
  }

  List<Problem> check(Document doc) {
    List<Problem> problems = new ArrayList<>();
    List<Error> errors = new ArrayList<>(compiled.get(doc.kind()).validate(doc.root()));
    errors.sort(Comparator.comparing(e -> doc.locate(path(e.getInstanceLocation())).line()));
    for (Error e : errors) {
      if (isNullBranch(e) || isOtherFormsType(e, errors) || isControlCharacterValue(e)) {
        continue;
      }
      String path = path(e.getInstanceLocation());
      String field = path;
      String message;
      switch (e.getKeyword()) {
        case "additionalProperties" -> {
          field = FieldPaths.child(path, e.getProperty());
          message = "unknown field '" + e.getProperty() + "'" + suggestion(doc.kind(), e);
        }
        case "required" -> {
          field = FieldPaths.child(path, e.getProperty());
          message = "missing required field '" + e.getProperty() + "'";
        }
        case "type" -> message = "expected " + expectedType(e.getSchemaNode()) + ", got " + shown(e.getInstanceNode());
        case "enum" -> message = "must be one of " + allowed(e.getSchemaNode()) + ", got " + shown(e.getInstanceNode());
        case "pattern" -> message = "expected " + schemas.describePattern(e.getSchemaNode().asText())
            + ", got " + shown(e.getInstanceNode());
        case "minimum" -> message = "must be at least " + e.getSchemaNode().asText() + ", got " + shown(e.getInstanceNode());
        case "maximum" -> message = "must be at most " + e.getSchemaNode().asText() + ", got " + shown(e.getInstanceNode());
        case "const" -> message = "must be " + e.getSchemaNode() + ", got " + shown(e.getInstanceNode());
        default -> message = e.getMessage();
      }
      Location l = doc.locate(field);
      Problem p = new Problem(doc.file(), l.line(), l.column(), field, message);
      if (!problems.contains(p)) {
        problems.add(p);
      }
    }
    return problems;
  }

  /**
   * Every field may be null, so a wrong value also fails the "or null" branch of its schema; that
   * error says nothing the other branch's errors do not say better.
   */
  private static boolean isNullBranch(Error e) {
    return "type".equals(e.getKeyword()) && "null".equals(e.getSchemaNode().asText());
  }

  /**
   * A field that takes one value or a list ({@code anyOf}) fails the branch of the form it was not
   * written in with a type error; when the branch of its own form says what is wrong (at the
   * field or inside it), that type error is noise.
   */
  private static boolean isOtherFormsType(Error e, List<Error> all) {
    if (!"type".equals(e.getKeyword()) || !e.getSchemaLocation().getFragment().toString().contains("/anyOf/")) {
      return false;
    }
    String at = path(e.getInstanceLocation());
    return all.stream().anyMatch(o -> o != e && !"type".equals(o.getKeyword())
        && FieldPaths.isSameOrInside(path(o.getInstanceLocation()), at));
  }

  /** A pattern error on a value with a control character, which the reader reported already. */
  private static boolean isControlCharacterValue(Error e) {
    JsonNode value = e.getInstanceNode();
    return "pattern".equals(e.getKeyword()) && value != null && value.isTextual()
        && YamlReader.firstControlCharacter(value.asText()) >= 0;
  }

  /** {@code spec.sites[1].name} for the instance location of an error. */
  static String path(NodePath location) {
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path = element instanceof Integer n ? FieldPaths.index(path, n) : FieldPaths.child(path, element.toString());
    }
    return path;
  }

  /** " (did you mean 'port'?)" when a known field is close to the unknown one. */
  private String suggestion(String kind, Error e) {
    String fragment = e.getSchemaLocation().getFragment().toString();
    JsonNode parent = documents.get(kind).at(fragment.substring(0, fragment.lastIndexOf('/')));
    String best = null;
    int bestDistance = 3;
    Iterator<String> names = parent.path("properties").fieldNames();
    List<String> known = new ArrayList<>();
    names.forEachRemaining(known::add);
    for (String name : known) {
      int d = distance(name.toLowerCase(), e.getProperty().toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = name;
      }
    }
    if (best != null) {
      return " (did you mean '" + best + "'?)";
    }
    return known.isEmpty() ? "" : "; known fields: " + String.join(", ", known);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String expectedType(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> {
        if (!"null".equals(t.asText())) {
          names.add(article(t.asText()));
        }
      });
    } else {
      names.add(article(type.asText()));
    }
    return String.join(" or ", names);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer" -> "an integer";
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "boolean" -> "true or false";
      case "string" -> "a text";
      case "number" -> "a number";
      default -> type;
    };
  }

  private static String allowed(JsonNode values) {
    List<String> names = new ArrayList<>();
    values.forEach(v -> {
      if (!v.isNull()) {
        names.add(v.asText());
      }
    });
    return String.join(", ", names);
  }

  static String shown(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isTextual() ? "\"" + escaped(value.asText()) + "\"" : value.toString();
  }

  /** Control characters (a newline slipped into a value) shown as escapes, so a message stays one line. */
  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\u%04x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
