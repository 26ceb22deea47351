package com.conobium.gardien.reconciler.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.model.Server;
import com.conobium.gardien.model.load.ConfigRepoLoader;
import com.conobium.gardien.reconciler.git.CommitSignatures;
import com.conobium.gardien.reconciler.git.GitSource;
import com.conobium.gardien.reconciler.git.PgpTestKey;
import com.conobium.gardien.reconciler.git.Revision;
import com.conobium.gardien.reconciler.git.TrustedKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionGateTest {
  @TempDir Path tmp;
  UpstreamRepo upstream;
  GitSource source;
  DaemonMetrics metrics;
  RevisionGate gate;

  @BeforeEach
  void setUp() throws Exception {
    upstream = new UpstreamRepo(tmp.resolve("upstream"));
    source = new GitSource(upstream.dir.toString(), "main", tmp.resolve("state/mirror.git"));
    metrics = new DaemonMetrics();
    gate = new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics);
  }

  @AfterEach
  void tearDown() {
    source.close();
    upstream.close();
  }

  @Test
  void aValidRevisionIsPutInForce() throws Exception {
    String id = upstream.fleet("web1", "web2").write("known_hosts", "198.18.0.10 ssh-ed25519 AAAA\n")
        .commit("two servers");

    Revision head = source.fetch();
    GateResult result = gate.offer(head);

    assertThat(head.id()).isEqualTo(id);
    assertThat(head.subject()).isEqualTo("two servers");
    assertThat(result).isInstanceOf(GateResult.Accepted.class);
    assertThat(gate.inForce().revision().id()).isEqualTo(id);
    assertThat(gate.inForce().repo().servers()).extracting(Server::name).containsExactly("web1", "web2");
    assertThat(Files.readString(gate.current().resolve("known_hosts"))).contains("198.18.0.10");
    assertThat(scrape()).contains("gardien_git_revision_info{revision=\"" + id + "\"} 1")
        .contains("gardien_validation_failures_total 0.0");
  }

  @Test
  void anInvalidRevisionIsRejectedAndTheLastGoodOneStaysInForce() throws Exception {
    String good = upstream.fleet("web1").commit("good");
    gate.offer(source.fetch());
    upstream.server("web1", 10, "ssh:\n  prot: 22").commit("typo");

    Revision bad = source.fetch();
    GateResult result = gate.offer(bad);

    assertThat(result).isInstanceOfSatisfying(GateResult.Rejected.class, r -> {
      assertThat(r.revision().id()).isEqualTo(bad.id());
      assertThat(r.problems()).anySatisfy(p -> assertThat(p.toString()).contains("spec.ssh.prot"));
    });
    assertThat(gate.inForce().revision().id()).isEqualTo(good);
    assertThat(Files.exists(tmp.resolve("state/checkouts").resolve(bad.id()))).isFalse();
    assertThat(gate.current().toRealPath().getFileName().toString()).isEqualTo(good);
    assertThat(scrape()).contains("gardien_validation_failures_total 1.0")
        .contains("gardien_git_revision_info{revision=\"" + good + "\"} 1");
  }

  @Test
  void aRejectedRevisionIsNotCountedAgainAtTheNextPollAndAFixIsAccepted() throws Exception {
    String good = upstream.fleet("web1").commit("good");
    gate.offer(source.fetch());
    upstream.server("web1", 10, "ssh:\n  port: 22a").commit("bad port");
    gate.offer(source.fetch());

    GateResult again = gate.offer(source.fetch());
    assertThat(again).isInstanceOf(GateResult.Unchanged.class);
    assertThat(scrape()).contains("gardien_validation_failures_total 1.0");

    String fixed = upstream.server("web1", 10, "ssh:\n  port: 2222").commit("fix");
    GateResult result = gate.offer(source.fetch());

    assertThat(result).isInstanceOf(GateResult.Accepted.class);
    assertThat(gate.inForce().revision().id()).isEqualTo(fixed);
    assertThat(gate.inForce().repo().server("web1").orElseThrow().spec().ssh().port()).isEqualTo(2222);
    assertThat(scrape()).contains("gardien_git_revision_info{revision=\"" + fixed + "\"} 1")
        .doesNotContain("revision=\"" + good + "\"");
  }

  @Test
  void anInvalidFirstRevisionLeavesNothingInForce() throws Exception {
    upstream.fleet("web1").delete("fleet.yaml").commit("no fleet");

    GateResult result = gate.offer(source.fetch());

    assertThat(result).isInstanceOf(GateResult.Rejected.class);
    assertThat(gate.inForce()).isNull();
  }

  @Test
  void theSameRevisionIsNotValidatedTwice() throws Exception {
    upstream.fleet("web1").commit("good");
    gate.offer(source.fetch());

    assertThat(gate.offer(source.fetch())).isInstanceOf(GateResult.Unchanged.class);
  }

  @Test
  void onlyTheRevisionInForceAndTheOneBeforeAreKeptOnDisk() throws Exception {
    String first = upstream.fleet("web1").commit("1");
    gate.offer(source.fetch());
    String second = upstream.server("web1", 11, "").commit("2");
    gate.offer(source.fetch());
    String third = upstream.server("web1", 12, "").commit("3");
    gate.offer(source.fetch());

    try (var entries = Files.list(tmp.resolve("state/checkouts"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(second, third, "current")
          .doesNotContain(first);
    }
  }

  @Test
  void aRestartedGateReusesTheMirrorAndClearsOldCheckouts() throws Exception {
    upstream.fleet("web1").commit("1");
    gate.offer(source.fetch());
    String second = upstream.server("web1", 11, "").commit("2");
    gate.offer(source.fetch());
    source.close();

    GitSource again = new GitSource(upstream.dir.toString(), "main", tmp.resolve("state/mirror.git"));
    RevisionGate restarted = new RevisionGate(again, new ConfigRepoLoader(), tmp.resolve("state"), new DaemonMetrics());
    String third = upstream.server("web1", 12, "").commit("3");
    GateResult result = restarted.offer(again.fetch());
    again.close();

    assertThat(result).isInstanceOf(GateResult.Accepted.class);
    assertThat(restarted.current().toRealPath().getFileName().toString()).isEqualTo(third);
    try (var entries = Files.list(tmp.resolve("state/checkouts"))) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(third, "current")
          .doesNotContain(second);
    }
  }

  @Test
  void withTrustedKeysOnlyARevisionSignedByOneOfThemIsPutInForce() throws Exception {
    PgpTestKey ops = new PgpTestKey("Ops <ops@example.com>");
    PgpTestKey stranger = new PgpTestKey("Mallory <mallory@example.com>");
    Path keyFile = Files.writeString(tmp.resolve("trusted.asc"), ops.armoredPublicKey());
    RevisionGate signed = new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics,
        Optional.of(new CommitSignatures(TrustedKeys.load(List.of(keyFile)))));

    String good = upstream.fleet("web1").commitSigned("signed by ops", ops);
    assertThat(signed.offer(source.fetch())).isInstanceOf(GateResult.Accepted.class);

    upstream.server("web1", 11, "").commitSigned("signed by a stranger", stranger);
    Revision foreign = source.fetch();
    assertThat(signed.offer(foreign)).isInstanceOfSatisfying(GateResult.Untrusted.class,
        u -> assertThat(u.reason()).startsWith("unknown key " + stranger.keyId()));
    assertThat(signed.inForce().revision().id()).isEqualTo(good);
    assertThat(signed.current().toRealPath().getFileName().toString()).isEqualTo(good);
    assertThat(Files.exists(tmp.resolve("state/checkouts").resolve(foreign.id()))).isFalse();
    assertThat(scrape()).contains("gardien_untrusted_revisions_total 1.0")
        .contains("gardien_validation_failures_total 0.0")
        .contains("gardien_git_revision_info{revision=\"" + good + "\"} 1");

    assertThat(signed.offer(source.fetch())).as("not checked again at the next poll")
        .isInstanceOf(GateResult.Unchanged.class);
    assertThat(scrape()).contains("gardien_untrusted_revisions_total 1.0");

    upstream.server("web1", 12, "").commit("unsigned");
    assertThat(signed.offer(source.fetch())).isInstanceOfSatisfying(GateResult.Untrusted.class,
        u -> assertThat(u.reason()).isEqualTo("unsigned"));
    assertThat(scrape()).contains("gardien_untrusted_revisions_total 2.0");

    String fixed = upstream.server("web1", 13, "").commitSigned("signed again", ops);
    assertThat(signed.offer(source.fetch())).isInstanceOf(GateResult.Accepted.class);
    assertThat(signed.inForce().revision().id()).isEqualTo(fixed);
    assertThat(signed.inForce().repo().server("web1").orElseThrow().spec().connection().address())
        .isEqualTo("198.18.0.13");
  }

  @Test
  void aSignedButInvalidRevisionIsStillRejectedAsInvalid() throws Exception {
    PgpTestKey ops = new PgpTestKey("Ops <ops@example.com>");
    Path keyFile = Files.writeString(tmp.resolve("trusted.asc"), ops.armoredPublicKey());
    RevisionGate signed = new RevisionGate(source, new ConfigRepoLoader(), tmp.resolve("state"), metrics,
        Optional.of(new CommitSignatures(TrustedKeys.load(List.of(keyFile)))));
    upstream.fleet("web1").delete("fleet.yaml").commitSigned("no fleet", ops);

    assertThat(signed.offer(source.fetch())).isInstanceOf(GateResult.Rejected.class);
    assertThat(scrape()).contains("gardien_validation_failures_total 1.0")
        .contains("gardien_untrusted_revisions_total 0.0");
  }

  private String scrape() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
