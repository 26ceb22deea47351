package com.conobium.gardien.reconciler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateLocationTest {
  static final Path DIR = Path.of("/var/lib/gardien/daemon/state");

  @Test
  void withoutOptionOrEnvironmentTheEmbeddedDatabaseInTheStateDirectory() {
    StateLocation l = StateLocation.resolve(null, DIR, Map.of());

    assertThat(l.isEmbedded()).isTrue();
    assertThat(l.url()).isEqualTo("jdbc:h2:file:/var/lib/gardien/daemon/state/gardien;AUTO_SERVER=TRUE");
  }

  @Test
  void theOptionWinsOverTheEnvironmentAndCredentialsComeFromTheEnvironment() {
    Map<String, String> env = Map.of("GARDIEN_STATE_URL", "jdbc:postgresql://db1/gardien",
        "GARDIEN_STATE_USER", "gardien", "GARDIEN_STATE_PASSWORD", "s3cret");

    assertThat(StateLocation.resolve("jdbc:postgresql://db2:5433/g", DIR, env))
        .isEqualTo(new StateLocation("jdbc:postgresql://db2:5433/g", "gardien", "s3cret"));
    assertThat(StateLocation.resolve(null, DIR, env).url()).isEqualTo("jdbc:postgresql://db1/gardien");
  }

  @Test
  void thePasswordIsNeverShown() {
    StateLocation l = new StateLocation("jdbc:postgresql://db1/gardien", "gardien", "s3cret");

    assertThat(l.toString()).isEqualTo("jdbc:postgresql://db1/gardien (user gardien)").doesNotContain("s3cret");
  }

  @Test
  void aPasswordInTheUrlOrAnotherDatabaseIsRefused() {
    assertThatThrownBy(() -> StateLocation.resolve("jdbc:postgresql://db1/g?user=x&password=y", DIR, Map.of()))
        .hasMessageContaining("must not carry a password").hasMessageContaining("GARDIEN_STATE_PASSWORD")
        .hasMessageNotContaining("password=y");
    assertThatThrownBy(() -> StateLocation.resolve("jdbc:mysql://db1/g", DIR, Map.of()))
        .hasMessageContaining("jdbc:postgresql://HOST[:PORT]/DATABASE").hasMessageContaining("jdbc:mysql://db1/g");
  }
}
