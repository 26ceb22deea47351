package com.conobium.gardien.reconciler.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commit signatures made with keys generated here, checked against a set that trusts one of them. */
class CommitSignaturesTest {
  @TempDir Path tmp;
  PgpTestKey trusted;
  PgpTestKey stranger;
  CommitSignatures signatures;

  @BeforeEach
  void setUp() throws Exception {
    trusted = new PgpTestKey("Ops <ops@example.com>");
    stranger = new PgpTestKey("Mallory <mallory@example.com>");
    Path file = Files.writeString(tmp.resolve("ops.asc"), trusted.armoredPublicKey());
    signatures = new CommitSignatures(TrustedKeys.load(List.of(file)));
  }

  @Test
  void aCommitSignedByATrustedKeyIsTrusted() throws Exception {
    byte[] raw = trusted.signCommit(commit("deploy web1")).build();

    CommitSignatures.Verdict verdict = signatures.verify(raw);

    assertThat(verdict).isInstanceOfSatisfying(CommitSignatures.Verdict.Trusted.class, t -> {
      assertThat(t.keyId()).isEqualTo(trusted.keyId());
      assertThat(t.owner()).isEqualTo("Ops <ops@example.com>");
      assertThat(t.fingerprint()).endsWith(trusted.keyId()).hasSize(40);
    });
    assertThat(verdict.reason()).isEmpty();
  }

  @Test
  void aCommitSignedByAnotherKeyIsNotTrustedAndItsKeyIsNamed() throws Exception {
    byte[] raw = stranger.signCommit(commit("deploy web1")).build();

    CommitSignatures.Verdict verdict = signatures.verify(raw);

    assertThat(verdict).isInstanceOf(CommitSignatures.Verdict.UnknownKey.class);
    assertThat(verdict.reason()).startsWith("unknown key " + stranger.keyId() + " (fingerprint ")
        .contains(stranger.keyId() + ")");
  }

  @Test
  void anUnsignedCommitIsNotTrusted() throws Exception {
    CommitSignatures.Verdict verdict = signatures.verify(commit("deploy web1").build());

    assertThat(verdict).isInstanceOf(CommitSignatures.Verdict.Unsigned.class);
    assertThat(verdict.reason()).isEqualTo("unsigned");
  }

  @Test
  void aCommitChangedAfterSigningIsNotTrusted() throws Exception {
    byte[] raw = trusted.signCommit(commit("deploy web1")).build();
    String tampered = new String(raw, StandardCharsets.UTF_8).replace("deploy web1", "deploy web2");

    CommitSignatures.Verdict verdict = signatures.verify(tampered.getBytes(StandardCharsets.UTF_8));

    assertThat(verdict).isInstanceOf(CommitSignatures.Verdict.BadSignature.class);
    assertThat(verdict.reason()).isEqualTo("bad signature: does not match the commit (key " + trusted.keyId() + ")");
  }

  @Test
  void anotherTreeUnderTheSameSignatureIsNotTrusted() throws Exception {
    CommitBuilder signed = trusted.signCommit(commit("deploy web1"));
    signed.setTreeId(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904"));

    assertThat(signatures.verify(signed.build())).isInstanceOf(CommitSignatures.Verdict.BadSignature.class);
  }

  @Test
  void aSignatureThatIsNotOpenPgpIsNotTrusted() throws Exception {
    CommitBuilder c = commit("deploy web1");
    c.setGpgSignature(new org.eclipse.jgit.lib.GpgSignature(
        "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n".getBytes(StandardCharsets.US_ASCII)));

    assertThat(signatures.verify(c.build()).reason()).isEqualTo("bad signature: not an OpenPGP signature (SSH)");
  }

  @Test
  void aDamagedSignatureIsNotTrusted() throws Exception {
    CommitBuilder c = commit("deploy web1");
    c.setGpgSignature(new org.eclipse.jgit.lib.GpgSignature(
        "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n"
            .getBytes(StandardCharsets.US_ASCII)));

    assertThat(signatures.verify(c.build()).reason()).startsWith("bad signature: ");
  }

  @Test
  void aCommitSignedByAKeyRevokedInTheTrustedFileIsNotTrusted() throws Exception {
    Path file = Files.writeString(tmp.resolve("revoked.asc"), trusted.armoredRevokedPublicKey());
    CommitSignatures revoked = new CommitSignatures(TrustedKeys.load(List.of(file)));

    CommitSignatures.Verdict verdict = revoked.verify(trusted.signCommit(commit("deploy web1")).build());

    assertThat(verdict.reason()).isEqualTo("bad signature: key " + trusted.keyId() + " is revoked");
  }

  static CommitBuilder commit(String message) {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(ObjectId.fromString("9bc8d6c2a1b3d6f8b02f4d1c3e5a7b9c0d1e2f30"));
    c.setParentId(ObjectId.fromString("1111111111111111111111111111111111111111"));
    PersonIdent who = new PersonIdent("Ops", "ops@example.com", 1_760_000_000_000L, 60);
    c.setAuthor(who);
    c.setCommitter(who);
    c.setMessage(message + "\n\nsecond paragraph\n");
    return c;
  }
}
