package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.ConfigRepo;
import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The digest that decides, across restarts, whether a server's desired state changed. */
class SpecHasherTest {
  @ParameterizedTest
  @ValueSource(strings = {"../examples/fleet", "../examples/demo"})
  void everyServerOfTheExamplesHasADigestThatIsTheSameAtEveryLoad(String dir) throws Exception {
    Map<String, SpecKey> first = keys(new ConfigRepoLoader().load(Path.of(dir)));
    Map<String, SpecKey> second = keys(new ConfigRepoLoader().load(Path.of(dir)));

    assertThat(first).isNotEmpty().isEqualTo(second);
    assertThat(first.values()).allSatisfy(k -> assertThat(k.hash()).matches("[0-9a-f]{64}"));
    assertThat(first.values()).doesNotHaveDuplicates();
  }

  private static Map<String, SpecKey> keys(ConfigRepo repo) {
    SpecHasher hasher = new SpecHasher();
    return repo.servers().stream().collect(Collectors.toMap(Server::name, s -> hasher.key(s.spec(), repo.fleet())));
  }
}
