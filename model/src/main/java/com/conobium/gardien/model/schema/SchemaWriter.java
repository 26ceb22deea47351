package com.conobium.gardien.model.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the generated schemas to a directory (the repository's {@code schemas/}):
 * {@code mvn -pl model -q exec:java -Dexec.mainClass=com.conobium.gardien.model.schema.SchemaWriter -Dexec.args=schemas}.
 */
public final class SchemaWriter {
  private SchemaWriter() {}

  /** The text of each schema file, by file name, exactly as committed. */
  public static Map<String, String> render() {
    ManifestSchemas schemas = new ManifestSchemas();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, String> files = new TreeMap<>();
    ManifestSchemas.FILES.forEach((kind, file) -> {
      try {
        files.put(file, mapper.writeValueAsString(schemas.document(kind)) + "\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "schemas");
    Files.createDirectories(dir);
    for (var e : render().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
      System.out.println("wrote " + dir.resolve(e.getKey()));
    }
  }
}
