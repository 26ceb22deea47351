package com.conobium.gardien.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed schemas in {@code schemas/} and {@code docs/manifest.md} are exactly what the model generates. */
class SchemaDriftTest {
  @Test
  void committedSchemasMatchTheModel() throws Exception {
    for (var e : SchemaWriter.render().entrySet()) {
      Path committed = Path.of("../schemas").resolve(e.getKey());
      assertThat(committed).as("schemas/%s is missing", e.getKey()).exists();
      assertThat(Files.readString(committed))
          .as("schemas/%s differs from the model; regenerate with: "
              + "mvn -q -pl model compile exec:java -Dexec.mainClass=com.conobium.gardien.model.schema.SchemaWriter -Dexec.args=schemas",
              e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void committedManifestReferenceMatchesTheModel() throws Exception {
    assertThat(Files.readString(Path.of("../docs/manifest.md")))
        .as("docs/manifest.md differs from the model; regenerate with: "
            + "mvn -q -pl model compile exec:java -Dexec.mainClass=com.conobium.gardien.model.schema.ManifestReference -Dexec.args=docs/manifest.md")
        .isEqualTo(new ManifestReference().render());
  }
}
