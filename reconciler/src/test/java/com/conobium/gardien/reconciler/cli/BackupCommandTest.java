package com.conobium.gardien.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
  @TempDir Path dir;

  private Path repo() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.createDirectories(repo.resolve("servers"));
    Files.writeString(repo.resolve("fleet.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Fleet
        metadata: {name: test}
        spec: {}
        """);
    Files.writeString(repo.resolve("profile.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Profile
        metadata: {name: web}
        spec: {}
        """);
    Files.writeString(repo.resolve("servers/web1.yaml"), """
        apiVersion: gardien.conobium.com/v1
        kind: Server
        metadata: {name: web1}
        spec:
          profile: web
          connection: {address: 198.18.200.2}
          sites:
            - name: shop
              domains: [shop.example.com]
        """);
    return repo;
  }

  @Test
  void keyPrintsTheSamePublicKeyEveryTimeAndKeepsItsSecretInTheStore() throws Exception {
    Path home = dir.resolve("home");
    Path repo = repo();

    CliRun first = CliRun.inHome(home, "backup", "key", "web1", "--repo", repo.toString());
    CliRun second = CliRun.inHome(home, "backup", "key", "web1", "--repo", repo.toString(), "--output=json");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).matches("ssh-ed25519 AAAA[A-Za-z0-9+/=]+ gardien-backup@web1\n");
    assertThat(second.json().get("publicKey").asText()).isEqualTo(first.stdout().strip());
    Secret secret = CommandSecrets.of(home).getOrCreate("web1", "backup-ssh-key", 64);
    assertThat(first.stdout() + first.stderr()).doesNotContain(secret.reveal()).doesNotContain("PRIVATE");
  }

  @Test
  void anUnknownServerOrSiteAndABadTargetAreUsageErrors() throws Exception {
    Path home = dir.resolve("home");
    Path repo = repo();

    CliRun unknown = CliRun.inHome(home, "backup", "key", "nope", "--repo", repo.toString());
    CliRun relative = CliRun.inHome(home, "backup", "restore", "web1", "--repo", repo.toString(), "--to", "restore");
    CliRun root = CliRun.inHome(home, "backup", "restore", "web1", "--repo", repo.toString(), "--to", "/");
    CliRun site = CliRun.inHome(home, "backup", "restore", "web1", "--repo", repo.toString(), "--to", "/tmp/r",
        "--site", "blog");
    CliRun snapshot = CliRun.inHome(home, "backup", "restore", "web1", "--repo", repo.toString(), "--to", "/tmp/r",
        "--snapshot", "x; rm -rf /");

    assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(relative.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(root.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(site.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(snapshot.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void withoutGardiensKeyBackupRunAndPlanSayHowToMakeOneAndFailBeforeConnecting() throws Exception {
    Path home = dir.resolve("home");
    Path repo = repo();

    CliRun backup = CliRun.inHome(home, "backup", "run", "web1", "--repo", repo.toString());
    CliRun plan = CliRun.inHome(home, "plan", repo.toString());

    for (CliRun run : new CliRun[] {backup, plan}) {
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.stderr()).contains("SSH key " + home.resolve("id_ed25519") + " is missing")
          .contains("ssh-keygen -t ed25519").doesNotContain("internal error");
    }
  }
}
