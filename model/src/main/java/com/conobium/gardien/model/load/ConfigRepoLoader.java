package com.conobium.gardien.model.load;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Problem;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.model.schema.ManifestSchemas;
import com.conobium.gardien.model.schema.PublishedSchemas;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a config repository: every {@code *.yaml}/{@code *.yml} file below its root (hidden
 * folders skipped), each document checked against its kind's schema, each server's spec merged
 * from the Fleet defaults, its Profile and its own manifest, then checked by the rules that span
 * the repository. Every problem is collected; if there is any, nothing is returned.
 */
public final class ConfigRepoLoader {
  /** What makes two backup spaces the same repository location: login, host, port and path. */
  private static String spaceKey(FleetSpec.BackupSpace space) {
    return space.user() + "@" + space.host() + ":" + space.port() + "/" + space.path();
  }

  private static final Set<String> KINDS = Set.of("Fleet", "Profile", "Server");

  private final YamlReader yaml = new YamlReader();
  private final SchemaCheck schema = new SchemaCheck(new PublishedSchemas());
  private final SpecMerger merger = new SpecMerger();
  private final ObjectMapper mapper =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** The repository at {@code root}, valid as a whole, or every problem it has. */
  public ConfigRepo load(Path root) throws InvalidConfigException {
    List<Problem> problems = new ArrayList<>();
    ConfigRepo repo = read(root.toAbsolutePath().normalize(), problems);
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing((Problem p) -> p.file().toString())
          .thenComparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new InvalidConfigException(problems);
    }
    return repo;
  }

  private ConfigRepo read(Path root, List<Problem> problems) {
    if (!Files.isDirectory(root)) {
      problems.add(new Problem(root, 0, 0, "", "not a directory"));
      return null;
    }
    List<Document> docs = new ArrayList<>();
    Set<String> broken = new java.util.HashSet<>();
    /** Server documents with schema problems, their bad fields left out, to check the rules on too. */
    Map<Document, Set<String>> partial = new LinkedHashMap<>();
    for (Path file : manifestFiles(root, problems)) {
      for (Document doc : yaml.read(root, file, problems)) {
        if (header(doc, problems)) {
          List<Problem> own = schema.check(doc);
          problems.addAll(own);
          if (own.isEmpty()) {
            docs.add(doc);
          } else {
            // reported already: what refers to it must not be reported again as missing
            broken.add(doc.kind() + "/" + doc.name());
            if (doc.kind().equals("Server")) {
              withoutBadFields(doc, own).ifPresent(d -> partial.put(d, badFields(own)));
            }
          }
        }
      }
    }
    Document fleetDoc = broken.stream().anyMatch(b -> b.startsWith("Fleet/")) && docs.stream()
        .noneMatch(d -> d.kind().equals("Fleet")) ? null : fleet(root, docs, problems);
    FleetSpec fleet = fleetDoc == null ? new FleetSpec(null, null, null, null, null)
        : bind(fleetDoc, (ObjectNode) fleetDoc.root().get("spec"), "spec", FleetSpec.class, problems);
    if (fleet != null) {
      List<String> controllers = fleet.controllerAddresses();
      for (int i = 0; i < controllers.size(); i++) {
        if (!Cidr.valid(controllers.get(i))) {
          problems.add(at(fleetDoc, "spec.controllerAddresses[" + i + "]",
              "not an IP address or CIDR block: \"" + controllers.get(i) + "\""));
        }
      }
      List<String> spaces = new ArrayList<>();
      if (fleet.backupSpace() != null) {
        spaces.add(spaceKey(fleet.backupSpace()));
      }
      for (int i = 0; i < fleet.backupReplicas().size(); i++) {
        FleetSpec.BackupSpace replica = fleet.backupReplicas().get(i);
        if (fleet.backupSpace() == null) {
          problems.add(at(fleetDoc, "spec.backupReplicas[" + i + "]",
              "replicas copy the backups of backupSpace, and the Fleet has none"));
          break;
        }
        if (spaces.contains(spaceKey(replica))) {
          problems.add(at(fleetDoc, "spec.backupReplicas[" + i + "]", "the same space and path as "
              + (spaces.indexOf(spaceKey(replica)) == 0 ? "backupSpace" : "backupReplicas["
              + (spaces.indexOf(spaceKey(replica)) - 1) + "]") + ": a replica must be another copy"));
        }
        spaces.add(spaceKey(replica));
      }
    }
    Map<String, Document> profiles = unique(docs, "Profile", problems);
    Map<String, Document> serverDocs = unique(docs, "Server", problems);
    ServerRules rules = new ServerRules(fleet == null ? List.of() : fleet.controllerAddresses());
    List<Server> servers = new ArrayList<>();
    for (Document doc : serverDocs.values()) {
      if (broken.contains("Profile/" + doc.root().path("spec").path("profile").asText())) {
        continue;
      }
      Server server = server(doc, fleetDoc, fleet, profiles, rules, problems);
      if (server != null) {
        servers.add(server);
      }
    }
    // every problem in one run: the rules also check what could be read of a server whose
    // manifest has schema problems (its bad fields take their defaults), and report what they find
    // outside those fields
    for (Map.Entry<Document, Set<String>> e : partial.entrySet()) {
      Document doc = e.getKey();
      if (broken.contains("Profile/" + doc.root().path("spec").path("profile").asText())) {
        continue;
      }
      List<Problem> found = new ArrayList<>();
      server(doc, fleetDoc, fleet, profiles, rules, found);
      found.stream()
          .filter(p -> !(p.file().equals(doc.file()) && e.getValue().stream().anyMatch(bad ->
              FieldPaths.isSameOrInside(p.field(), bad) || FieldPaths.isSameOrInside(bad, p.field()))))
          .filter(p -> !problems.contains(p))
          .forEach(problems::add);
    }
    servers.sort(Comparator.comparing(Server::name));
    return fleet == null ? null : new ConfigRepo(root, fleet, servers);
  }

  /**
   * The fields the schema problems are about, each cut to the nearest mapping field (a bad list
   * item stands for its whole list): {@code spec.sites[0].domains}.
   */
  private static Set<String> badFields(List<Problem> schemaProblems) {
    Set<String> fields = new java.util.LinkedHashSet<>();
    for (Problem p : schemaProblems) {
      String f = p.field();
      while (f.endsWith("]")) {
        f = f.substring(0, f.lastIndexOf('['));
      }
      fields.add(f);
    }
    return fields;
  }

  /** {@code doc} without its bad fields, or empty when what is bad is the document's frame itself. */
  private static java.util.Optional<Document> withoutBadFields(Document doc, List<Problem> schemaProblems) {
    JsonNode copy = doc.root().deepCopy();
    for (String field : badFields(schemaProblems)) {
      if (!field.startsWith("spec.") || !copy.path("spec").isObject()) {
        return java.util.Optional.empty();
      }
      JsonNode parent = copy.at(pointer(FieldPaths.parent(field)));
      String name = field.substring(field.lastIndexOf('.') + 1);
      if (parent instanceof ObjectNode o) {
        o.remove(name);
      }
    }
    return java.util.Optional.of(new Document(doc.file(), copy, doc.locations()));
  }

  /** The JSON pointer of a field path: {@code spec.sites[0].tls} is {@code /spec/sites/0/tls}. */
  private static String pointer(String path) {
    return path.isEmpty() ? "" : "/" + path.replace("[", ".").replace("]", "").replace(".", "/");
  }

  private Server server(Document doc, Document fleetDoc, FleetSpec fleet, Map<String, Document> profiles,
      ServerRules rules, List<Problem> problems) {
    ObjectNode own = (ObjectNode) doc.root().get("spec");
    String profileName = own.path("profile").asText(null);
    Document profile = null;
    if (profileName == null) {
      problems.add(at(doc, "spec.profile", "missing required field 'profile': the Profile this server follows"));
    } else {
      profile = profiles.get(profileName);
      if (profile == null) {
        problems.add(at(doc, "spec.profile", "unknown profile '" + profileName + "'; known profiles: "
            + (profiles.isEmpty() ? "none" : String.join(", ", profiles.keySet()))));
      }
    }
    ObjectNode effective = mapper.createObjectNode();
    if (fleet != null && fleet.defaults() != null) {
      effective = merger.merge(effective, fleet.defaults());
    }
    if (profile != null) {
      effective = merger.merge(effective, (ObjectNode) profile.root().get("spec"));
    }
    effective = merger.merge(effective, own);
    ServerSpec spec = bind(doc, effective, "spec", ServerSpec.class, problems);
    if (spec == null) {
      return null;
    }
    Locator locator = new Locator(doc, profile, fleetDoc);
    int before = problems.size();
    rules.check(doc.name(), spec, locator, problems::add);
    if (problems.size() > before || profile == null) {
      return null;
    }
    Map<String, String> labels = mapper.convertValue(doc.root().path("metadata").path("labels"),
        new TypeReference<Map<String, String>>() {});
    return new Server(doc.name(), labels, spec, doc.file());
  }

  /** apiVersion, kind and a mapping at the top: without them the document cannot be checked further. */
  private static boolean header(Document doc, List<Problem> problems) {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(at(doc, "", "a manifest must be a mapping with apiVersion, kind, metadata and spec"));
      return false;
    }
    boolean ok = true;
    String api = root.path("apiVersion").asText(null);
    if (!ManifestSchemas.API_VERSION.equals(api)) {
      problems.add(at(doc, "apiVersion", api == null ? "missing required field 'apiVersion' (" + ManifestSchemas.API_VERSION + ")"
          : "unsupported apiVersion \"" + api + "\"; expected " + ManifestSchemas.API_VERSION));
      ok = false;
    }
    String kind = root.path("kind").asText(null);
    if (!KINDS.contains(kind)) {
      problems.add(at(doc, "kind", (kind == null ? "missing required field 'kind'" : "unknown kind \"" + kind + "\"")
          + "; expected Fleet, Profile or Server"));
      ok = false;
    }
    return ok;
  }

  private static Document fleet(Path root, List<Document> docs, List<Problem> problems) {
    List<Document> fleets = docs.stream().filter(d -> d.kind().equals("Fleet")).toList();
    if (fleets.isEmpty()) {
      problems.add(new Problem(Path.of("."), 0, 0, "", "the repository has no kind: Fleet manifest (exactly one is needed)"));
      return null;
    }
    for (Document extra : fleets.subList(1, fleets.size())) {
      problems.add(at(extra, "kind", "a second kind: Fleet manifest (the first is in " + fleets.get(0).file()
          + "); a repository has exactly one"));
    }
    return fleets.get(0);
  }

  private static Map<String, Document> unique(List<Document> docs, String kind, List<Problem> problems) {
    Map<String, Document> byName = new LinkedHashMap<>();
    for (Document d : docs) {
      if (!d.kind().equals(kind)) {
        continue;
      }
      Document first = byName.putIfAbsent(d.name(), d);
      if (first != null) {
        Location l = first.locate("metadata.name");
        problems.add(at(d, "metadata.name", "duplicate " + kind + " name '" + d.name() + "' (also in "
            + first.file() + ":" + l.line() + ")"));
      }
    }
    return byName;
  }

  private <T> T bind(Document doc, ObjectNode spec, String prefix, Class<T> type, List<Problem> problems) {
    try {
      return mapper.treeToValue(spec, type);
    } catch (JsonMappingException e) {
      String path = prefix;
      for (JsonMappingException.Reference r : e.getPath()) {
        path = r.getFieldName() != null ? FieldPaths.child(path, r.getFieldName()) : FieldPaths.index(path, r.getIndex());
      }
      problems.add(at(doc, path, e.getOriginalMessage()));
      return null;
    } catch (IOException | IllegalArgumentException e) {
      problems.add(at(doc, prefix, e.getMessage()));
      return null;
    }
  }

  private static Problem at(Document doc, String path, String message) {
    Location l = doc.locate(path);
    return new Problem(doc.file(), l.line(), l.column(), path, message);
  }

  /**
   * The manifest files below {@code root} (hidden folders skipped). A link is followed only to a
   * regular file inside the repository: one that leads outside it is refused and never read.
   */
  private static List<Path> manifestFiles(Path root, List<Problem> problems) {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      problems.add(new Problem(root, 0, 0, "", "cannot read the repository: " + e.getMessage()));
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(".") || rel.contains("/.") || !(rel.endsWith(".yaml") || rel.endsWith(".yml"))) {
          continue;
        }
        Path real;
        try {
          real = p.toRealPath();
        } catch (IOException e) {
          problems.add(new Problem(Path.of(rel), 0, 0, "", "cannot read the file (a link to nothing?): " + e.getMessage()));
          continue;
        }
        if (!real.startsWith(realRoot)) {
          problems.add(new Problem(Path.of(rel), 0, 0, "", "a link to " + real
              + ", outside the repository: only files inside it are read"));
        } else if (Files.isRegularFile(real)) {
          files.add(p);
        }
      }
      return files;
    } catch (IOException | java.io.UncheckedIOException e) {
      problems.add(new Problem(root, 0, 0, "", "cannot list the repository: " + e.getMessage()));
      return List.of();
    }
  }
}
