package com.conobium.gardien.model.schema;

import com.conobium.gardien.model.AllowedValues;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.NumberRange;
import com.conobium.gardien.model.OneOrMany;
import com.conobium.gardien.model.Patterns;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.TextPattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the three manifest kinds, generated from the model's records: the one
 * source of truth for editors (through the committed files in {@code schemas/}) and for the
 * loader's validation. Every field may be {@code null} (which removes it, so its default applies),
 * and no unknown field is allowed anywhere.
 */
public final class ManifestSchemas {
  /** The {@code apiVersion} of every manifest. */
  public static final String API_VERSION = "gardien.conobium.com/v1";
  /** Where the published schemas live; the committed files carry these ids. */
  public static final String ID_BASE = "https://gardien.conobium.com/schemas/v1/";

  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, String> patternDescriptions = new java.util.HashMap<>();
  private final ObjectNode serverSpec;
  private final ObjectNode fleetSpec;

  public ManifestSchemas() {
    SchemaGenerator generator = new SchemaGenerator(config());
    this.serverSpec = oneOrMany(generator.generateSchema(ServerSpec.class));
    this.fleetSpec = oneOrMany(generator.generateSchema(FleetSpec.class));
  }

  /** Marks a {@link OneOrMany} field's schema while generating, for {@link #oneOrMany}. */
  private static final String ONE_OR_MANY = "x-gardien-one-or-many";

  /**
   * Every marked list schema, {@code type: [array, null], items: X}, becomes {@code anyOf: [X, a
   * list of X, null]}: one value or a list of them, and null removes the field as anywhere else.
   */
  private ObjectNode oneOrMany(ObjectNode schema) {
    if (schema.remove(ONE_OR_MANY) != null && schema.has("items")) {
      ObjectNode item = (ObjectNode) schema.remove("items");
      schema.remove("type");
      ObjectNode list = mapper.createObjectNode().put("type", "array");
      list.set("items", item.deepCopy());
      schema.putArray("anyOf").add(item).add(list).add(mapper.createObjectNode().put("type", "null"));
    }
    schema.forEach(child -> {
      if (child.isObject()) {
        oneOrMany((ObjectNode) child);
      } else if (child.isArray()) {
        child.forEach(c -> {
          if (c.isObject()) {
            oneOrMany((ObjectNode) c);
          }
        });
      }
    });
    return schema;
  }

  /** The file names in {@code schemas/}, by kind. */
  public static final Map<String, String> FILES =
      Map.of("Fleet", "fleet.schema.json", "Profile", "profile.schema.json", "Server", "server.schema.json");

  /** The schema of a whole manifest document of {@code kind}: Fleet, Profile or Server. */
  public ObjectNode document(String kind) {
    ObjectNode defs = mapper.createObjectNode();
    ObjectNode spec;
    switch (kind) {
      case "Server" -> spec = body(serverSpec, defs);
      case "Profile" -> {
        spec = body(serverSpec, defs);
        ((ObjectNode) spec.get("properties")).remove("profile");
      }
      case "Fleet" -> {
        ObjectNode profileSpec = body(serverSpec, defs);
        ((ObjectNode) profileSpec.get("properties")).remove("profile");
        spec = body(fleetSpec, defs);
        ObjectNode defaults = profileSpec.deepCopy();
        nullable(defaults);
        ((ObjectNode) spec.get("properties")).set("defaults", defaults);
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    ObjectNode doc = mapper.createObjectNode();
    doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    doc.put("$id", ID_BASE + FILES.get(kind));
    doc.put("title", "Gardien " + kind + " manifest");
    doc.put("type", "object");
    doc.putArray("required").add("apiVersion").add("kind").add("metadata").add("spec");
    ObjectNode props = doc.putObject("properties");
    props.putObject("apiVersion").put("const", API_VERSION);
    props.putObject("kind").put("const", kind);
    props.set("metadata", metadata());
    props.set("spec", spec);
    doc.put("additionalProperties", false);
    doc.set("$defs", sorted(defs));
    return doc;
  }

  private ObjectNode metadata() {
    ObjectNode m = mapper.createObjectNode();
    m.put("type", "object");
    m.putArray("required").add("name");
    ObjectNode p = m.putObject("properties");
    p.putObject("name").put("type", "string").put("pattern", Patterns.NAME)
        .put("description", "Unique name: lowercase letters, digits and dashes (a DNS label).");
    ObjectNode labels = p.putObject("labels");
    labels.putArray("type").add("object").add("null");
    labels.putObject("additionalProperties").put("type", "string");
    m.put("additionalProperties", false);
    return m;
  }

  /** The root of a generated schema without its {@code $schema} and {@code $defs}, which go to {@code defs}. */
  private static ObjectNode body(ObjectNode generated, ObjectNode defs) {
    ObjectNode copy = generated.deepCopy();
    copy.remove("$schema");
    JsonNode d = copy.remove("$defs");
    if (d != null) {
      defs.setAll((ObjectNode) d);
    }
    return copy;
  }

  private static void nullable(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      schema.putArray("type").add(type.asText()).add("null");
    }
  }

  private ObjectNode sorted(ObjectNode defs) {
    ObjectNode out = mapper.createObjectNode();
    Iterator<String> names = defs.fieldNames();
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    list.stream().sorted().forEach(n -> out.set(n, defs.get(n)));
    return out;
  }

  /** How a pattern's expected form is said to people, e.g. {@code a duration such as 10m}. */
  public String describePattern(String pattern) {
    return patternDescriptions.getOrDefault(pattern, "text matching " + pattern);
  }

  private com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
    SchemaGeneratorConfigBuilder b =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.NULLABLE_FIELDS_BY_DEFAULT,
                Option.DEFINITIONS_FOR_ALL_OBJECTS);
    b.forTypesInGeneral().withCustomDefinitionProvider((type, context) ->
        JsonNode.class.isAssignableFrom(type.getErasedType())
            ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "object"),
                CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO)
            : null);
    b.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
      if (!java.util.Map.class.isAssignableFrom(type.getErasedType())) {
        return null;
      }
      // a map of text values: YAML writes numbers bare (rp_filter: 1), which Jackson reads as text
      ObjectNode map = context.getGeneratorConfig().createObjectNode().put("type", "object");
      map.putObject("additionalProperties").putArray("type").add("string").add("integer");
      return new CustomDefinition(map, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.YES);
    });
    b.forFields().withEnumResolver(f -> {
      AllowedValues a = annotation(f, AllowedValues.class);
      if (a == null) {
        return null;
      }
      List<Object> values = new java.util.ArrayList<>(List.of((Object[]) a.value()));
      values.add(null); // null removes the field, so its default applies
      return values;
    });
    b.forFields().withStringPatternResolver(f -> {
      TextPattern p = annotation(f, TextPattern.class);
      if (p == null || (f.isContainerType() && !f.isFakeContainerItemScope())) {
        return null;
      }
      patternDescriptions.put(p.value(), p.describedAs());
      return p.value();
    });
    b.forFields().withNumberInclusiveMinimumResolver(f -> {
      NumberRange r = annotation(f, NumberRange.class);
      return r == null ? null : BigDecimal.valueOf(r.min());
    });
    b.forFields().withNumberInclusiveMaximumResolver(f -> {
      NumberRange r = annotation(f, NumberRange.class);
      return r == null || r.max() == Long.MAX_VALUE ? null : BigDecimal.valueOf(r.max());
    });
    b.forFields().withInstanceAttributeOverride((node, f, context) -> {
      if (annotation(f, OneOrMany.class) != null && !f.isFakeContainerItemScope()) {
        node.put(ONE_OR_MANY, true); // rewritten by oneOrMany() once the list's schema is whole
      }
    });
    return b.build();
  }

  /** The annotation on the field, also when the scope is the item of a list field. */
  private static <A extends java.lang.annotation.Annotation> A annotation(FieldScope f, Class<A> type) {
    return f.getAnnotationConsideringFieldAndGetter(type);
  }
}
