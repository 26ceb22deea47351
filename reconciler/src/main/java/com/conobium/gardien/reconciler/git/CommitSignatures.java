package com.conobium.gardien.reconciler.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Checks the OpenPGP signature of a commit ({@code git commit -S}) against the {@link TrustedKeys}
 * only: the signed data is the raw commit object without its {@code gpgsig} header, as Git signs
 * it. A commit that is unsigned, signed by a key not in the set, signed some other way (SSH, X.509)
 * or whose signature does not match its content is not trusted.
 */
public final class CommitSignatures {
  private static final byte[] GPGSIG = "gpgsig".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final TrustedKeys trusted;

  public CommitSignatures(TrustedKeys trusted) {
    this.trusted = trusted;
  }

  /** What a commit's signature says about who made it. */
  public sealed interface Verdict {
    /** Why the commit is not trusted, for a log line; empty when it is trusted. */
    String reason();

    /** Signed by a trusted key, and the signature matches the commit. */
    record Trusted(String keyId, String fingerprint, String owner) implements Verdict {
      @Override
      public String reason() {
        return "";
      }
    }

    /** Not signed. */
    record Unsigned() implements Verdict {
      @Override
      public String reason() {
        return "unsigned";
      }
    }

    /** Signed by a key that is not trusted. */
    record UnknownKey(String keyId, String fingerprint) implements Verdict {
      @Override
      public String reason() {
        return "unknown key " + keyId + (fingerprint.isEmpty() ? "" : " (fingerprint " + fingerprint + ")");
      }
    }

    /** A signature that does not match the commit, cannot be read, or is not OpenPGP. */
    record BadSignature(String detail) implements Verdict {
      @Override
      public String reason() {
        return "bad signature: " + detail;
      }
    }
  }

  /** Checks the signature of the raw commit object {@code rawCommit} (as Git stores it). */
  public Verdict verify(byte[] rawCommit) {
    int start = RawParseUtils.headerStart(GPGSIG, rawCommit, 0);
    if (start < 0) {
      return new Verdict.Unsigned();
    }
    int end = RawParseUtils.nextLfSkippingSplitLines(rawCommit, start);
    byte[] signature = unfold(rawCommit, start, end);
    int headerStart = start - GPGSIG.length - 1;
    int headerEnd = end < rawCommit.length ? end + 1 : end;
    byte[] signed = new byte[rawCommit.length - (headerEnd - headerStart)];
    System.arraycopy(rawCommit, 0, signed, 0, headerStart);
    System.arraycopy(rawCommit, headerEnd, signed, headerStart, rawCommit.length - headerEnd);
    return check(signature, signed);
  }

  private Verdict check(byte[] armored, byte[] signed) {
    String text = new String(armored, StandardCharsets.US_ASCII);
    if (!text.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      return new Verdict.BadSignature("not an OpenPGP signature ("
          + (text.contains("SSH SIGNATURE") ? "SSH" : text.contains("SIGNED MESSAGE") ? "X.509" : "unknown format")
          + ")");
    }
    PGPSignature signature;
    try {
      signature = read(armored);
    } catch (IOException | PGPException | RuntimeException e) {
      return new Verdict.BadSignature("unreadable (" + e.getMessage() + ")");
    }
    if (signature == null) {
      return new Verdict.BadSignature("no OpenPGP signature packet");
    }
    IssuerFingerprint issuer = signature.getHashedSubPackets() == null ? null
        : signature.getHashedSubPackets().getIssuerFingerprint();
    long keyId = signature.getKeyID() != 0 || issuer == null ? signature.getKeyID() : issuer.getKeyID();
    String shownId = HEX.formatHex(longBytes(keyId));
    var key = trusted.find(keyId);
    if (key.isEmpty()) {
      return new Verdict.UnknownKey(shownId, issuer == null ? "" : HEX.formatHex(issuer.getFingerprint()));
    }
    if (key.get().key().hasRevocation()) {
      return new Verdict.BadSignature("key " + shownId + " is revoked");
    }
    try {
      signature.init(new BcPGPContentVerifierBuilderProvider(), key.get().key());
      signature.update(signed);
      if (!signature.verify()) {
        return new Verdict.BadSignature("does not match the commit (key " + shownId + ")");
      }
    } catch (PGPException | RuntimeException e) {
      return new Verdict.BadSignature("could not be checked with key " + shownId + " (" + e.getMessage() + ")");
    }
    return new Verdict.Trusted(shownId, key.get().fingerprint(), key.get().owner());
  }

  private static PGPSignature read(byte[] armored) throws IOException, PGPException {
    try (InputStream in = new ArmoredInputStream(new ByteArrayInputStream(armored))) {
      BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
      Object o = objects.nextObject();
      if (o instanceof PGPCompressedData compressed) {
        o = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
      }
      return o instanceof PGPSignatureList list && !list.isEmpty() ? list.get(0) : null;
    }
  }

  /** The value of a header that continues on lines starting with a space, without those spaces. */
  private static byte[] unfold(byte[] raw, int start, int end) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(end - start);
    for (int i = start; i < end; i++) {
      out.write(raw[i]);
      if (raw[i] == '\n' && i + 1 < end && raw[i + 1] == ' ') {
        i++;
      }
    }
    return out.toByteArray();
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }
}
