package com.conobium.gardien.reconciler.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.GpgSignature;

/** An Ed25519 OpenPGP key made in the test, as {@code gpg --quick-gen-key} would make one. */
public final class PgpTestKey {
  private final PGPKeyPair pair;
  private final PGPPublicKeyRing publicRing;

  public PgpTestKey(String userId) throws PGPException {
    Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
    generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
    AsymmetricCipherKeyPair keys = generator.generateKeyPair();
    this.pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.EDDSA_LEGACY, keys,
        new Date(System.currentTimeMillis() - 60_000));
    PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, userId,
        new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), null, null,
        new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256), null);
    this.publicRing = rings.generatePublicKeyRing();
  }

  /** The public key, ASCII-armored ({@code gpg --armor --export}). */
  public String armoredPublicKey() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      publicRing.encode(armored);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The public key with a revocation of itself, ASCII-armored (as after {@code gpg --import REVOCATION}). */
  public String armoredRevokedPublicKey() throws PGPException, IOException {
    PGPSignatureGenerator generator = new PGPSignatureGenerator(
        new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
        pair.getPublicKey());
    generator.init(PGPSignature.KEY_REVOCATION, pair.getPrivateKey());
    PGPSignature revocation = generator.generateCertification(pair.getPublicKey());
    PGPPublicKeyRing revoked = PGPPublicKeyRing.insertPublicKey(publicRing,
        PGPPublicKey.addCertification(publicRing.getPublicKey(), revocation));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      revoked.encode(armored);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The 64-bit key id in upper-case hex. */
  public String keyId() {
    return String.format("%016X", pair.getKeyID());
  }

  /** A detached, ASCII-armored signature of {@code data}, as Git stores it in a commit. */
  public byte[] sign(byte[] data) throws PGPException, IOException {
    PGPSignatureGenerator generator = new PGPSignatureGenerator(
        new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.EDDSA_LEGACY, HashAlgorithmTags.SHA256),
        pair.getPublicKey());
    generator.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setIssuerFingerprint(false, pair.getPublicKey());
    hashed.setSignatureCreationTime(false, new Date());
    generator.setHashedSubpackets(hashed.generate());
    generator.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
      generator.generate().encode(armored);
    }
    return out.toByteArray();
  }

  /** Signs {@code commit} the way {@code git commit -S} does: over the commit without its signature. */
  public CommitBuilder signCommit(CommitBuilder commit) throws PGPException, IOException {
    commit.setGpgSignature(null);
    commit.setGpgSignature(new GpgSignature(sign(commit.build())));
    return commit;
  }
}
