package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gardien users}: operators added (password from standard input), listed, refused, removed. */
class UsersCommandTest {
  @TempDir Path home;

  @Test
  void anOperatorIsAddedWithAHashedPasswordListedAndRemoved() throws Exception {
    CliRun added = withStdin("a long enough password\n", "users", "add", "alice", "--password-stdin");
    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(added.stdout()).isEqualTo("operator added: alice\n");
    assertThat(withStdin("another long password\n", "users", "add", "alice", "--password-stdin").stdout())
        .isEqualTo("new password for operator alice\n");

    CliRun list = CliRun.inHome(home, "users", "list");
    assertThat(list.stdout()).startsWith("alice\tadded ").doesNotContain("password").doesNotContain("$2y$");
    try (var db = com.conobium.gardien.reconciler.state.StateDatabase.open(
        com.conobium.gardien.reconciler.state.StateLocation.embedded(com.conobium.gardien.reconciler.state.StateLocation.embeddedDirectory(home)))) {
      String hash = db.operators().account("alice").orElseThrow().passwordHash();
      assertThat(hash).startsWith("$2y$12$").doesNotContain("another");
      assertThat(new com.conobium.gardien.reconciler.dashboard.Passwords()
          .matches(hash, "another long password".toCharArray())).isTrue();
    }

    assertThat(CliRun.inHome(home, "users", "remove", "alice").exitCode()).isZero();
    CliRun again = CliRun.inHome(home, "users", "remove", "alice");
    assertThat(again.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(again.stderr()).contains("no operator named alice");
    assertThat(CliRun.inHome(home, "users", "list").stdout()).contains("no operator yet");
  }

  @Test
  void aShortPasswordABadNameAndNoPasswordAreUsageErrors() throws Exception {
    CliRun shortOne = withStdin("short\n", "users", "add", "alice", "--password-stdin");
    assertThat(shortOne.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(shortOne.stderr()).contains("at least 12 characters").doesNotContain("short\n");
    CliRun badName = withStdin("a long enough password\n", "users", "add", "al ice;", "--password-stdin");
    assertThat(badName.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badName.stderr()).contains("letters, digits");
    CliRun none = withStdin("", "users", "add", "alice", "--password-stdin");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.stderr()).contains("standard input holds no password");
    assertThat(CliRun.inHome(home, "users").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  private CliRun withStdin(String input, String... args) {
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.inHome(home, args);
    } finally {
      System.setIn(stdin);
    }
  }
}
