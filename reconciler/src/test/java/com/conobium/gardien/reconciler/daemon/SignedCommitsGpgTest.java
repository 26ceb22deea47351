package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.git.CommitSignatures;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.git.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with what people really push: keys made by the real {@code gpg}, commits signed by the
 * real {@code git commit -S}, exported with {@code gpg --armor --export} into the daemon's trusted
 * keys, and judged by the {@link RevisionGate}. Needs git and gpg (Debian packages git, gnupg;
 * scripts/install-test-deps installs them): skipped without them unless GARDIEN_REQUIRE_TESTHOSTS=1.
 */
class SignedCommitsGpgTest {
  @TempDir Path tmp;
  Path gnupgHome;
  UpstreamRepo upstream;
  GitSource source;
  DaemonMetrics metrics;

  @BeforeEach
  void setUp() throws Exception {
    requireOnPath("gpg");
    requireOnPath("git");
    // a short path: gpg-agent's socket lives in GNUPGHOME
    gnupgHome = Files.createTempDirectory(Path.of("/tmp"), "gpg");
    Files.setPosixFilePermissions(gnupgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    source = new GitSource(upstream.dir.toString(), "main", tmp.resolve("state/mirror.git"));
    metrics = new DaemonMetrics();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (source != null) {
      source.close();
      upstream.close();
    }
    if (gnupgHome != null) {
      run(tmp, "gpgconf", "--kill", "all");
      try (Stream<Path> walk = Files.walk(gnupgHome)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void commitsSignedByGitAndGpgAreJudgedByTheKeysGpgExported() throws Exception {
    String ops = generateKey("Ops <ops@example.com>", "ed25519");
    String legacy = generateKey("Legacy <legacy@example.com>", "rsa2048");
    String stranger = generateKey("Mallory <mallory@example.com>", "ed25519");
    String subkey = addSigningSubkey(ops);
    Path keys = Files.createDirectories(tmp.resolve("trusted.d"));
    Files.writeString(keys.resolve("ops.asc"), run(tmp, "gpg", "--armor", "--export", ops));
    Files.writeString(keys.resolve("legacy.asc"), run(tmp, "gpg", "--armor", "--export", legacy));
    RevisionGate gate = new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics,
        Optional.of(new CommitSignatures(TrustedKeys.load(List.of(keys)))));

    upstream.fleet("web1");
    String first = gitCommit("signed by ops", ops);
    assertThat(gate.offer(source.fetch())).isInstanceOf(GateResult.Accepted.class);
    assertThat(gate.inForce().revision().id()).isEqualTo(first);

    upstream.server("web1", 11, "");
    gitCommit("signed by mallory", stranger);
    assertThat(gate.offer(source.fetch())).isInstanceOfSatisfying(GateResult.Untrusted.class,
        u -> assertThat(u.reason()).startsWith("unknown key " + stranger.substring(24))
            .contains("(fingerprint " + stranger + ")"));
    assertThat(gate.inForce().revision().id()).isEqualTo(first);

    upstream.server("web1", 12, "");
    gitCommit("unsigned", null);
    assertThat(gate.offer(source.fetch())).isInstanceOfSatisfying(GateResult.Untrusted.class,
        u -> assertThat(u.reason()).isEqualTo("unsigned"));

    upstream.server("web1", 13, "");
    String rsa = gitCommit("signed with the RSA key", legacy);
    assertThat(gate.offer(source.fetch())).isInstanceOf(GateResult.Accepted.class);
    assertThat(gate.inForce().revision().id()).isEqualTo(rsa);

    upstream.server("web1", 14, "");
    String bySubkey = gitCommit("signed with ops's signing subkey", subkey + "!");
    assertThat(run(upstream.dir, "git", "cat-file", "commit", "HEAD")).contains("gpgsig");
    assertThat(gate.offer(source.fetch())).isInstanceOf(GateResult.Accepted.class);
    assertThat(gate.inForce().revision().id()).isEqualTo(bySubkey);
    assertThat(new CommitSignatures(TrustedKeys.load(List.of(keys))).verify(source.rawCommit(gate.inForce().revision())))
        .as("signed by the subkey, trusted through its primary key")
        .isEqualTo(new CommitSignatures.Verdict.Trusted(subkey.substring(24), ops, "Ops <ops@example.com>"));
    assertThat(scrape()).contains("gardien_untrusted_revisions_total 2.0")
        .contains("gardien_git_revision_info{revision=\"" + bySubkey + "\"} 1");
  }

  /** Makes a key with no passphrase; returns its fingerprint. */
  private String generateKey(String userId, String algorithm) throws Exception {
    run(tmp, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
        "--quick-gen-key", userId, algorithm, "sign", "never");
    String listing = run(tmp, "gpg", "--with-colons", "--list-keys", userId);
    return listing.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
  }

  /** Adds an Ed25519 signing subkey to {@code primary}; returns the subkey's fingerprint. */
  private String addSigningSubkey(String primary) throws Exception {
    run(tmp, "gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
        "--quick-add-key", primary, "ed25519", "sign", "never");
    List<String> fingerprints = run(tmp, "gpg", "--with-colons", "--list-keys", primary).lines()
        .filter(l -> l.startsWith("fpr:")).map(l -> l.split(":")[9]).toList();
    assertThat(fingerprints).hasSize(2);
    return fingerprints.get(1);
  }

  /** Commits everything with the real git, signed by {@code key} ({@code git commit -S}) or not. */
  private String gitCommit(String message, String key) throws Exception {
    run(upstream.dir, "git", "add", "-A");
    List<String> commit = new ArrayList<>(List.of("git", "-c", "user.name=Ops", "-c", "user.email=ops@example.com",
        "-c", "gpg.program=gpg", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message));
    if (key != null) {
      commit.add(commit.indexOf("commit") + 1, "-S" + key);
    }
    run(upstream.dir, commit.toArray(String[]::new));
    return run(upstream.dir, "git", "rev-parse", "HEAD").strip();
  }

  private String run(Path dir, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("GNUPGHOME", gnupgHome.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("HOME", tmp.toString());
    Process p = pb.redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + err).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static void requireOnPath(String program) {
    boolean found = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    if (!found && "1".equals(System.getenv("GARDIEN_REQUIRE_TESTHOSTS"))) {
      throw new AssertionError(program + " is missing (scripts/install-test-deps installs it)");
    }
    assumeTrue(found, program + " is missing; skipped");
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
