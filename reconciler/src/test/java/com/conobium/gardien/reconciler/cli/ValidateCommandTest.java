package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  @Test
  void theExampleFleetIsValid() {
    CliRun run = CliRun.of("validate", "../examples/fleet");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("2 server(s): web1, web2");
  }

  @Test
  void problemsAreListedWithFileLineColumnAndTheExitCodeSaysInvalid(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve("fleet.yaml"), "apiVersion: gardien.conobium.com/v1\nkind: Fleet\nmetadata: {name: f}\nspec: {}\n");
    Files.writeString(repo.resolve("s.yaml"), "apiVersion: gardien.conobium.com/v1\nkind: Server\nmetadata: {name: s}\nspec:\n  profile: none\n  ssh:\n    prot: 22\n");

    CliRun text = CliRun.of("validate", repo.toString());
    CliRun json = CliRun.of("validate", repo.toString(), "--output", "json");

    assertThat(text.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG);
    assertThat(text.stderr()).contains("s.yaml:7:5: spec.ssh.prot: unknown field 'prot' (did you mean 'port'?)")
        .contains("nothing was sent to any server");
    assertThat(json.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG);
    assertThat(json.json().get("valid").asBoolean()).isFalse();
    assertThat(json.json().get("problems").get(0).get("line").asInt()).isEqualTo(7);
    assertThat(json.json().get("problems").get(0).get("field").asText()).isEqualTo("spec.ssh.prot");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(CliRun.of("validate", "--frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
