package com.conobium.gardien.model.load;

import com.conobium.gardien.model.Problem;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML documents of a manifest file into trees, keeping where every field is written.
 * Syntax errors and duplicate keys become problems with their line and column.
 */
final class YamlReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** The largest manifest file read: a fleet's biggest is a few kilobytes. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private final YAMLFactory yaml = new YAMLFactory();

  /** The documents of {@code file}; problems go to {@code problems}. */
  List<Document> read(Path root, Path file, List<Problem> problems) {
    Path shown = root.relativize(file);
    List<Document> docs = new ArrayList<>();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        problems.add(new Problem(shown, 0, 0, "", "the file has " + size + " bytes; a manifest may have at most "
            + MAX_FILE_BYTES + " (1 MiB)"));
        return docs;
      }
    } catch (IOException e) {
      problems.add(new Problem(shown, 0, 0, "", "cannot read the file: " + e.getMessage()));
      return docs;
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser p = yaml.createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Map<String, Location> locations = new HashMap<>();
        List<Problem> own = new ArrayList<>();
        List<Problem> values = new ArrayList<>();
        JsonNode tree = value(p, t, "", locations, shown, own, values);
        problems.addAll(own);
        problems.addAll(values);
        // a bad value leaves the document readable: its other problems are reported in the same run
        if (own.isEmpty()) {
          docs.add(new Document(shown, tree, locations));
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      problems.add(new Problem(shown, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
          "YAML syntax error: " + firstLine(e.getOriginalMessage())));
    } catch (IOException e) {
      problems.add(new Problem(shown, 0, 0, "", "cannot read the file: " + e.getMessage()));
    }
    return docs;
  }

  private JsonNode value(JsonParser p, JsonToken t, String path, Map<String, Location> locations,
      Path file, List<Problem> problems, List<Problem> badValues) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        locations.putIfAbsent(path, at(p.currentTokenLocation()));
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          Location where = at(p.currentTokenLocation());
          String child = FieldPaths.child(path, name);
          if (o.has(name)) {
            problems.add(new Problem(file, where.line(), where.column(), child,
                "duplicate key '" + name + "' (first at line " + locations.get(child).line() + ")"));
          } else {
            locations.put(child, where);
          }
          JsonNode v = value(p, p.nextToken(), child, locations, file, problems, badValues);
          o.set(name, v);
        }
        return o;
      }
      case START_ARRAY -> {
        locations.putIfAbsent(path, at(p.currentTokenLocation()));
        ArrayNode a = NODES.arrayNode();
        int i = 0;
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          String child = FieldPaths.index(path, i++);
          locations.put(child, at(p.currentTokenLocation()));
          a.add(value(p, next, child, locations, file, problems, badValues));
        }
        return a;
      }
      case VALUE_STRING -> {
        String text = p.getText();
        int bad = firstControlCharacter(text);
        if (bad >= 0) {
          Location where = locations.getOrDefault(path, at(p.currentTokenLocation()));
          badValues.add(new Problem(file, where.line(), where.column(), path, "a value may not contain "
              + describeControl(text.charAt(bad)) + " (it would reach a shell, a configuration file or"
              + " authorized_keys as a second line)"));
        }
        return NODES.textNode(text);
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return NODES.textNode(p.getText());
      }
    }
  }

  /** The index of the first control character (newline, carriage return, tab, NUL…) in {@code text}, or -1. */
  static int firstControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String describeControl(char c) {
    return switch (c) {
      case '\n' -> "a line break";
      case '\r' -> "a carriage return";
      case '\t' -> "a tab";
      default -> String.format("the control character U+%04X", (int) c);
    };
  }

  private static Location at(JsonLocation l) {
    return new Location(l.getLineNr(), l.getColumnNr());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    return s.lines().findFirst().orElse(s).strip();
  }
}
