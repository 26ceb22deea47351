package com.conobium.gardien.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.FleetSpec;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.ServerSpec;
import com.conobium.gardien.modules.spi.Change;
import com.conobium.gardien.modules.spi.CheckResult;
import com.conobium.gardien.modules.spi.ModulePlan;
import com.conobium.gardien.modules.spi.ResourceModule;
import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.modules.spi.SecretsView;
import com.conobium.gardien.modules.spi.Target;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * pyinfra-style fixtures, one folder a case: {@code fixtures/MODULE/CASE/} holds the server's
 * spec ({@code spec.yaml}, as under a manifest's {@code spec:}; absent means the defaults), what
 * the module's probe printed on a server ({@code probe.json}), and the plan the module must make of
 * them ({@code plan.txt}: one line a change, {@code + resource: after},
 * {@code ~ resource: before -> after}, {@code - resource: before}, as every output shows a change
 * ({@link Change#line()}, sensitive values masked), then one line a check,
 * {@code check NAME: ok|failed}). A case whose module reads secrets names them in
 * {@code secrets.yaml} ({@code NAME: VALUE}; each salted with {@link #SALT}); without it the
 * server has no secret store; a case that needs the fleet's settings has them in {@code fleet.yaml}
 * (as under a Fleet's {@code spec:}). The {@code standard-offer-converged} cases are what the probes
 * printed on a real server converged with the standard offer by bench/run-breakdown (its recorded
 * output, reconciler's {@code training-probe.txt}); the database one with its users' password
 * digests made from the case's secrets by MariaDB's own formula, outside Gardien. A new case is a new folder; every module registered in
 * {@link BuiltinResourceModules} can have them.
 */
class ModuleFixturesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The crypt salt of every fixture secret. */
  static final String SALT = "fixtureSALT0123.";
  private static final Set<ResourceModule<?, ?>> MODULES = Guice.createInjector(new BuiltinResourceModules())
      .getInstance(Key.get(new TypeLiteral<Set<ResourceModule<?, ?>>>() {}));

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = root();
    List<String> cases = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.sorted().toList()) {
        try (Stream<Path> dirs = Files.list(module)) {
          dirs.sorted().forEach(d -> cases.add(module.getFileName() + "/" + d.getFileName()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theModulePlansWhatTheFixtureSays(String name) throws Exception {
    Path dir = root().resolve(name);
    String module = name.substring(0, name.indexOf('/'));
    Path specFile = dir.resolve("spec.yaml");
    ServerSpec spec = Files.exists(specFile) && !Files.readString(specFile).isBlank()
        ? YAML.readValue(specFile.toFile(), ServerSpec.class)
        : ServerSpec.builder().build();
    Path secretsFile = dir.resolve("secrets.yaml");
    SecretsView secrets = Files.exists(secretsFile)
        ? fixed(YAML.readValue(secretsFile.toFile(), new TypeReference<Map<String, String>>() {}))
        : SecretsView.NONE;
    Path fleetFile = dir.resolve("fleet.yaml");
    FleetSpec fleet = Files.exists(fleetFile)
        ? YAML.readValue(fleetFile.toFile(), FleetSpec.class)
        : new FleetSpec(null, null, null, null, null);
    Target target = new Target(new Server("web1", null, spec, Path.of("servers/web1.yaml")), fleet, secrets);
    JsonNode probe = JSON.readTree(dir.resolve("probe.json").toFile());

    List<String> plan = plan(MODULES.stream().filter(m -> m.name().equals(module)).findFirst()
        .orElseThrow(() -> new AssertionError("no module named " + module)), target, probe);

    assertThat(plan).as(name).containsExactlyElementsOf(
        Files.readAllLines(dir.resolve("plan.txt")).stream().filter(l -> !l.isBlank()).toList());
  }

  private static <D, F> List<String> plan(ResourceModule<D, F> module, Target target, JsonNode probe)
      throws Exception {
    D desired = module.desired(target);
    ModulePlan plan = module.plan(desired, module.facts(probe));
    List<String> lines = new ArrayList<>();
    for (Change c : plan.changes()) {
      lines.add(c.line());
    }
    for (CheckResult check : plan.checks()) {
      lines.add("check " + check.name() + ": " + (check.passed() ? "ok" : "failed"));
    }
    return lines;
  }

  /** The secrets of a case: exactly those of its file; any other is an error of the case. */
  private static SecretsView fixed(Map<String, String> values) {
    return new SecretsView() {
      @Override
      public Secret secret(String name, int length, SecretOwner owner) {
        return stored(name, owner).orElseThrow(() -> new AssertionError("the case's secrets.yaml has no " + name));
      }

      @Override
      public Optional<Secret> stored(String name, SecretOwner owner) {
        return Optional.ofNullable(values.get(name))
            .map(v -> new Secret(v, SALT, Instant.parse("2026-01-01T00:00:00Z"), owner));
      }
    };
  }

  private static Path root() throws URISyntaxException {
    return Path.of(ModuleFixturesTest.class.getResource("/fixtures").toURI());
  }
}
