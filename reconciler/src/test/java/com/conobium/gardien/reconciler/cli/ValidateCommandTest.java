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
    // the schema problem, and in the same run what the rules find in the rest of the document
    com.fasterxml.jackson.databind.JsonNode prot = null;
    for (com.fasterxml.jackson.databind.JsonNode p : json.json().get("problems")) {
      if (p.get("field").asText().equals("spec.ssh.prot")) {
        prot = p;
      }
    }
    assertThat(prot).as(json.stdout()).isNotNull();
    assertThat(prot.get("line").asInt()).isEqualTo(7);
    assertThat(json.stdout()).contains("unknown profile 'none'", "missing required field 'address'");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(CliRun.of("validate", "--frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  /**
   * Hostile manifests of every kind the issue lists are refused by apply itself with exit 3 and
   * their file:line, before any connection: the server's address answers nothing, so a run that
   * tried to reach it would exit 6 instead.
   */
  @Test
  void hostileManifestsAreRefusedByApplyBeforeAnythingIsSent(@TempDir Path repo, @TempDir Path outside) throws Exception {
    Files.writeString(repo.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: f}
        spec: {controllerAddresses: [198.18.0.1]}
        """);
    Files.writeString(repo.resolve("profile.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: web}
        spec: {}
        """);
    Files.createDirectories(repo.resolve("servers"));
    Files.writeString(repo.resolve("servers/a.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: a}
        spec:
          profile: web
          connection: {address: 198.18.255.254}
          ssh: {allowFrom: [203.0.113.0/24]}
          time: {timezone: "Europe/Paris'; reboot; '"}
          backup: {paths: [../../root]}
          sites:
            - name: gardien
              domains: [a.example.com]
            - name: root
              domains: [b.example.com]
        """);
    Files.writeString(repo.resolve("servers/b.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: b}
        spec:
          profile: web
          connection: {address: 198.18.255.254}
        """);
    Files.writeString(outside.resolve("x.yaml"), "secret: 1\n");
    Files.createSymbolicLink(repo.resolve("servers/c.yaml"), outside.resolve("x.yaml"));

    CliRun apply = CliRun.of("apply", repo.toString());

    assertThat(apply.exitCode()).as(apply.toString()).isEqualTo(ExitCode.INVALID_CONFIG);
    assertThat(apply.stdout() + apply.stderr())
        .contains("servers/a.yaml:7:", "spec.ssh.allowFrom", "controller address 198.18.0.1")
        .contains("servers/a.yaml:8:", "spec.time.timezone")
        .contains("servers/a.yaml:9:", "spec.backup.paths[0]")
        .contains("servers/a.yaml:11:", "spec.sites[0].name")
        .contains("servers/a.yaml:13:", "spec.sites[1].name")
        .containsPattern("servers/[ab].yaml:6:.*is already server [ab]'s")
        .contains("servers/c.yaml", "outside the repository")
        .doesNotContain("unreachable");
  }
}
