package com.conobium.gardien.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the loader reads from the jar is what the model generates: the documents and the patterns' descriptions. */
class PublishedSchemasTest {
  final ManifestSchemas generated = new ManifestSchemas();
  final PublishedSchemas published = new PublishedSchemas();

  @Test
  void thePackagedDocumentsAreTheGeneratedOnes() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (String kind : ManifestSchemas.FILES.keySet()) {
      // read back as the loader reads it: numbers come back as integers, not the generator's decimals
      JsonNode expected = mapper.readTree(mapper.writeValueAsString(generated.document(kind)));
      assertThat(published.document(kind)).as(kind).isEqualTo(expected);
    }
  }

  @Test
  void everyPatternIsDescribedAsTheGeneratorDescribesIt() {
    List<String> patterns = new ArrayList<>();
    for (String kind : ManifestSchemas.FILES.keySet()) {
      collect(generated.document(kind), patterns);
    }
    assertThat(patterns).as("the model has text patterns").hasSizeGreaterThan(5);
    assertThat(patterns).filteredOn(p -> !published.describePattern(p).startsWith("text matching"))
        .as("described in words").hasSizeGreaterThan(5);
    for (String pattern : patterns) {
      assertThat(published.describePattern(pattern)).as(pattern).isEqualTo(generated.describePattern(pattern));
    }
  }

  @Test
  void oneTextPatternIsDescribedOneWayWhereverItIsUsed() {
    java.util.Map<String, java.util.Set<String>> descriptions = new java.util.TreeMap<>();
    java.util.Set<Class<?>> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(
        com.conobium.gardien.model.ServerSpec.class, com.conobium.gardien.model.FleetSpec.class));
    while (!todo.isEmpty()) {
      Class<?> type = todo.pop();
      if (!type.isRecord() || !seen.add(type)) {
        continue;
      }
      for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
        try {
          com.conobium.gardien.model.TextPattern p = type.getDeclaredField(c.getName())
              .getAnnotation(com.conobium.gardien.model.TextPattern.class);
          if (p != null) {
            descriptions.computeIfAbsent(p.value(), v -> new java.util.TreeSet<>()).add(p.describedAs());
          }
        } catch (NoSuchFieldException e) {
          throw new AssertionError(e);
        }
        addTypes(c.getGenericType(), todo);
      }
    }
    assertThat(descriptions).isNotEmpty().allSatisfy((pattern, said) ->
        assertThat(said).as("the descriptions of " + pattern).hasSize(1));
  }

  private static void addTypes(java.lang.reflect.Type type, java.util.ArrayDeque<Class<?>> todo) {
    if (type instanceof Class<?> c) {
      todo.add(c);
    } else if (type instanceof java.lang.reflect.ParameterizedType p) {
      for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
        addTypes(a, todo);
      }
    }
  }

  private static void collect(JsonNode node, List<String> patterns) {
    if (node.isObject() && node.path("pattern").isTextual()) {
      patterns.add(node.get("pattern").asText());
    }
    node.forEach(child -> collect(child, patterns));
  }
}
