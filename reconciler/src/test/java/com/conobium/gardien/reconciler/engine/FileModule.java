package com.conobium.gardien.reconciler.engine;

import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.Reading;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Shell;
import com.conobium.gardien.modules.spi.Step;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A test module that keeps one file at a given content, probing it with the real {@code jfile}
 * helper. Its steps can be made to fail or to not converge, to exercise the engine's error paths.
 * It reads whether the file exists ({@link #PRESENT}, 1 or 0).
 */
final class FileModule implements ResourceModule<FileModule.Desired, JsonNode> {
  record Desired(Path path, String content) {}

  static final String PRESENT = "test_file_present";

  private final String name;
  private final Path path;
  private final String content;
  private final Set<String> after;
  String extraStep = null;
  String probeOverride = null;

  FileModule(String name, Path path, String content, String... after) {
    this.name = name;
    this.path = path;
    this.content = content;
    this.after = Set.of(after);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> after() {
    return after;
  }

  @Override
  public Desired desired(Target target) {
    return new Desired(path, content);
  }

  @Override
  public String probe(Desired desired) {
    return probeOverride != null ? probeOverride : "jfile " + Shell.quote(desired.path().toString());
  }

  @Override
  public JsonNode facts(JsonNode probeOutput) throws FactsException {
    if (!probeOutput.has("exists")) {
      throw new FactsException("no 'exists' field");
    }
    return probeOutput;
  }

  @Override
  public ModulePlan plan(Desired desired, JsonNode facts) {
    List<Reading> readings = List.of(Reading.of(PRESENT, "whether the file exists", facts.get("exists").asBoolean() ? 1 : 0));
    String want = sha256(desired.content());
    if (facts.get("exists").asBoolean() && want.equals(facts.path("sha256").asText())) {
      return ModulePlan.of(List.of()).withReadings(readings);
    }
    var put =
        new Step.PutFile(desired.path().toString(), desired.content(), "0640",
            System.getProperty("user.name"), groupOfUser(), null);
    List<Step> steps = extraStep == null ? List.of(put) : List.of(put, new Step.Run(extraStep));
    String resource = "file " + desired.path();
    return ModulePlan.of(
        List.of(
            facts.get("exists").asBoolean()
                ? Change.update(resource, "sha256:" + facts.path("sha256").asText().substring(0, 8), "sha256:" + want.substring(0, 8), steps)
                : Change.add(resource, "sha256:" + want.substring(0, 8), steps))).withReadings(readings);
  }

  private static String groupOfUser() {
    return "root".equals(System.getProperty("user.name")) ? "root" : System.getProperty("user.name");
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
