package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gardien run --trusted-keys}: a key file it cannot use stops the start with one clear message. */
class RunTrustedKeysTest {
  @TempDir Path tmp;

  @Test
  void aTrustedKeyFileWithoutAKeyStopsTheStartNamingTheOptionAndTheFile() throws Exception {
    Path bad = Files.writeString(tmp.resolve("ops.asc"), "ssh-ed25519 AAAAC3Nza ops@example.com\n");

    CliRun run = CliRun.inHome(tmp.resolve("home"), "run", tmp.resolve("repo").toString(),
        "--listen", "127.0.0.1:0", "--trusted-keys", bad.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.stderr()).contains("could not start: --trusted-keys: trusted key file " + bad
        + " holds no ASCII-armored OpenPGP public key");
    assertThat(Files.exists(tmp.resolve("home/daemon"))).as("nothing was started").isFalse();
  }

  @Test
  void theOptionWinsOverTheEnvironmentWhichMayListSeveralPaths() {
    RunOptions options = new RunOptions();
    assertThat(options.trustedKeys(null)).isEmpty();
    assertThat(options.trustedKeys(" ")).isEmpty();
    assertThat(options.trustedKeys("/etc/gardien/ops.asc:/etc/gardien/keys.d"))
        .containsExactly(Path.of("/etc/gardien/ops.asc"), Path.of("/etc/gardien/keys.d"));

    options.trustedKeys = java.util.List.of(Path.of("/srv/ops.asc"));
    assertThat(options.trustedKeys("/etc/gardien/ops.asc")).containsExactly(Path.of("/srv/ops.asc"));
  }

  @Test
  void aMissingTrustedKeyFileStopsTheStart() {
    Path missing = tmp.resolve("nope.asc");

    CliRun run = CliRun.inHome(tmp.resolve("home"), "run", tmp.resolve("repo").toString(),
        "--listen", "127.0.0.1:0", "--trusted-keys", missing.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.stderr()).contains("--trusted-keys: trusted key file " + missing + " does not exist");
  }
}
