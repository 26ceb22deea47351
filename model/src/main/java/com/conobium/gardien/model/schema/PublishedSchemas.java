package com.conobium.gardien.model.schema;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TextPattern;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The schemas as published in {@code schemas/} and packaged in this jar, read instead of
 * generated ({@link ManifestSchemas} takes about a second; SchemaDriftTest keeps both equal), and
 * the descriptions of the model's text patterns, read from its {@link TextPattern} annotations.
 */
public final class PublishedSchemas {
  private final Map<String, ObjectNode> documents = new HashMap<>();
  private final Map<String, String> patternDescriptions = new HashMap<>();

  public PublishedSchemas() {
    ObjectMapper mapper = new ObjectMapper();
    ManifestSchemas.FILES.forEach((kind, file) -> {
      try (InputStream in = PublishedSchemas.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("the jar holds no " + file + " next to " + PublishedSchemas.class.getName());
        }
        documents.put(kind, (ObjectNode) mapper.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the packaged " + file, e);
      }
    });
    Set<Class<?>> seen = new HashSet<>();
    collectPatterns(ServerSpec.class, seen);
    collectPatterns(FleetSpec.class, seen);
  }

  /** The schema of a whole manifest document of {@code kind}: Fleet, Profile or Server. */
  public ObjectNode document(String kind) {
    ObjectNode doc = documents.get(kind);
    if (doc == null) {
      throw new IllegalArgumentException("unknown kind " + kind);
    }
    return doc.deepCopy();
  }

  /** How a pattern's expected form is said to people, e.g. {@code a duration such as 10m}. */
  public String describePattern(String pattern) {
    return patternDescriptions.getOrDefault(pattern, "text matching " + pattern);
  }

  private void collectPatterns(Class<?> type, Set<Class<?>> seen) {
    if (!type.isRecord() || !seen.add(type)) {
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      try {
        Field field = type.getDeclaredField(component.getName());
        TextPattern pattern = field.getAnnotation(TextPattern.class);
        if (pattern != null) {
          patternDescriptions.putIfAbsent(pattern.value(), pattern.describedAs());
        }
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e); // a record's component always has its field
      }
      collectTypes(component.getGenericType(), seen);
    }
  }

  private void collectTypes(Type type, Set<Class<?>> seen) {
    if (type instanceof Class<?> c) {
      collectPatterns(c, seen);
    } else if (type instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        collectTypes(argument, seen);
      }
    }
  }
}
