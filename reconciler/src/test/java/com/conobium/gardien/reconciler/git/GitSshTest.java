package com.conobium.gardien.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GitSource} over {@code ssh://} through {@link GitSsh}: a real SSH server on 127.0.0.1 (MINA's
 * own) that runs each exec request with this machine's shell, so the fetch talks to the real
 * {@code git-upload-pack} of a bare repository. The host key must be pinned; the login key is the
 * daemon's one.
 */
class GitSshTest {
  @TempDir Path tmp;
  GitSshServer server;
  Path clientKey;
  Path bare;
  String head;

  @BeforeEach
  void setUp() throws Exception {
    clientKey = tmp.resolve("id_ed25519");
    run(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
    server = new GitSshServer(tmp.resolve("id_ed25519.pub"));

    Path work = tmp.resolve("work");
    run(tmp, "git", "init", "-q", "-b", "main", work.toString());
    Files.writeString(work.resolve("fleet.yaml"), "kind: Fleet\n");
    run(work, "git", "add", "-A");
    run(work, "git", "-c", "user.name=Ops", "-c", "user.email=ops@example.com", "commit", "-q", "-m", "first");
    head = run(work, "git", "rev-parse", "HEAD").strip();
    bare = tmp.resolve("fleet.git");
    run(tmp, "git", "clone", "-q", "--bare", work.toString(), bare.toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void fetchesOverSshFromAServerWhoseKeyIsPinned() throws Exception {
    Path knownHosts = Files.writeString(tmp.resolve("git_known_hosts"), server.knownHostsLine());

    try (GitSource source = source(knownHosts, clientKey)) {
      Revision revision = source.fetch();

      assertThat(revision.id()).isEqualTo(head);
      assertThat(revision.subject()).isEqualTo("first");
      source.export(revision, tmp.resolve("out"));
      assertThat(tmp.resolve("out/fleet.yaml")).hasContent("kind: Fleet");
    }
    assertThat(server.execs()).isEqualTo(1);
  }

  @Test
  void aServerPresentingAnotherKeyIsRefusedBeforeAnyCommandRuns() throws Exception {
    KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    Path knownHosts = Files.writeString(tmp.resolve("git_known_hosts"),
        "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(other.getPublic()) + "\n");

    try (GitSource source = source(knownHosts, clientKey)) {
      assertThatThrownBy(source::fetch)
          .isInstanceOf(GitSourceException.class)
          .hasMessageContaining("HOST KEY MISMATCH for Git server [127.0.0.1]:" + server.port() + ": "
              + knownHosts + " pins [" + KeyUtils.getFingerPrint(other.getPublic()) + "], presented ssh-ed25519 "
              + KeyUtils.getFingerPrint(server.hostKey()))
          .hasMessageContaining("Nothing was fetched.");
    }
    assertThat(server.execs()).isZero();
  }

  @Test
  void aServerWithNoPinnedKeyIsRefusedWithTheCommandThatPinsIt() throws Exception {
    Path knownHosts = Files.writeString(tmp.resolve("git_known_hosts"),
        "[127.0.0.2]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey()) + "\n");

    try (GitSource source = source(knownHosts, clientKey)) {
      assertThatThrownBy(source::fetch)
          .hasMessageContaining("host key of Git server [127.0.0.1]:" + server.port() + " is not pinned "
              + "(presented ssh-ed25519 " + KeyUtils.getFingerPrint(server.hostKey()) + ")")
          .hasMessageContaining("ssh-keyscan -p " + server.port() + " 127.0.0.1 >> " + knownHosts);
    }
    assertThat(server.execs()).isZero();
  }

  @Test
  void aMissingKnownHostsFileRefusesToo() throws Exception {
    try (GitSource source = source(tmp.resolve("nope"), clientKey)) {
      assertThatThrownBy(source::fetch).hasMessageContaining("is not pinned");
    }
    assertThat(server.execs()).isZero();
  }

  @Test
  void aMissingIdentityIsNamedWithTheCommandThatMakesIt() throws Exception {
    Path missing = tmp.resolve("home/id_ed25519");
    try (GitSource source = source(tmp.resolve("git_known_hosts"), missing)) {
      assertThatThrownBy(source::fetch)
          .hasMessageContaining("Gardien's SSH key for Git " + missing + " is missing or unreadable (--git-identity)")
          .hasMessageContaining("ssh-keygen -t ed25519 -N '' -f " + missing);
    }
  }

  @Test
  void aKeyTheServerDoesNotKnowCannotLogIn() throws Exception {
    Path knownHosts = Files.writeString(tmp.resolve("git_known_hosts"), server.knownHostsLine());
    Path stranger = tmp.resolve("stranger");
    run(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString());

    try (GitSource source = source(knownHosts, stranger)) {
      assertThatThrownBy(source::fetch).isInstanceOf(GitSourceException.class)
          .hasMessageContaining("could not fetch branch 'main' of ssh://git@127.0.0.1:" + server.port());
    }
    assertThat(server.execs()).isZero();
  }

  @Test
  void recognisesSshUrls() {
    assertThat(GitSsh.isSshUrl("ssh://git@git.example.com/ops/fleet.git")).isTrue();
    assertThat(GitSsh.isSshUrl("ssh://git.example.com:2222/ops/fleet.git")).isTrue();
    assertThat(GitSsh.isSshUrl("git@git.example.com:ops/fleet.git")).isTrue();
    assertThat(GitSsh.isSshUrl("https://git.example.com/ops/fleet.git")).isFalse();
    assertThat(GitSsh.isSshUrl("https://user@git.example.com/ops/fleet.git")).isFalse();
    assertThat(GitSsh.isSshUrl("/srv/git/fleet.git")).isFalse();
    assertThat(GitSsh.isSshUrl("file:///srv/git/fleet.git")).isFalse();
  }

  private GitSource source(Path knownHosts, Path identity) {
    String url = server.url(bare);
    return new GitSource(url, "main", tmp.resolve("mirror.git"),
        Optional.of(new GitSsh(identity, knownHosts, tmp.resolve("ssh-home"))));
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
