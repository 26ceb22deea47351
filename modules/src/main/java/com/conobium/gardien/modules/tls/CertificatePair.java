package com.conobium.gardien.modules.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A PEM certificate chain and its private key, parsed on the controller: what the planner needs to
 * know of them (validity, names, whether the key belongs to the leaf). Never prints the key.
 */
public final class CertificatePair {
  private final List<X509Certificate> chain;
  private final PrivateKey key;

  private CertificatePair(List<X509Certificate> chain, PrivateKey key) {
    this.chain = List.copyOf(chain);
    this.key = key;
  }

  /**
   * Parses a chain (leaf first) and a private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
   *
   * @throws IllegalArgumentException with a message that never quotes the PEM text
   */
  public static CertificatePair parse(String chainPem, String keyPem) {
    return new CertificatePair(parseChain(chainPem), parseKey(keyPem));
  }

  /** The certificates of a PEM chain, leaf first. */
  public static List<X509Certificate> parseChain(String pem) {
    try {
      Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      List<X509Certificate> chain = new ArrayList<>();
      certs.forEach(c -> chain.add((X509Certificate) c));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("no PEM certificate in it");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a PEM certificate chain");
    }
  }

  private static PrivateKey parseKey(String pem) {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter(); // the JDK's key factories: no provider to build
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IllegalArgumentException("not an unencrypted PEM private key");
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException i) {
        throw i;
      }
      throw new IllegalArgumentException("not a PEM private key");
    }
  }

  /** The leaf certificate. */
  public X509Certificate leaf() {
    return chain.get(0);
  }

  /** The end of the leaf's validity. */
  public Instant notAfter() {
    return leaf().getNotAfter().toInstant();
  }

  /** The start of the leaf's validity. */
  public Instant notBefore() {
    return leaf().getNotBefore().toInstant();
  }

  /** The leaf's DNS names (subject alternative names), lower case. */
  public List<String> dnsNames() {
    return dnsNames(leaf());
  }

  /** The DNS names (subject alternative names) of {@code cert}, lower case. */
  public static List<String> dnsNames(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return List.of();
      }
      return sans.stream()
          .filter(san -> Integer.valueOf(2).equals(san.get(0)))
          .map(san -> ((String) san.get(1)).toLowerCase(Locale.ROOT))
          .toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  /** Whether the leaf names {@code domain}, directly or through a one-label wildcard. */
  public boolean covers(String domain) {
    return covers(dnsNames(), domain);
  }

  /** Whether {@code names} (a certificate's DNS names) cover {@code domain}. */
  public static boolean covers(List<String> names, String domain) {
    String d = domain.toLowerCase(Locale.ROOT);
    for (String name : names) {
      if (name.equals(d)) {
        return true;
      }
      if (name.startsWith("*.") && d.indexOf('.') > 0 && d.substring(d.indexOf('.')).equals(name.substring(1))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the private key belongs to the leaf: a signature made with it verifies with the leaf's key. */
  public boolean keyMatches() {
    PublicKey pub = leaf().getPublicKey();
    if (!pub.getAlgorithm().equals(key.getAlgorithm())
        && !(pub.getAlgorithm().startsWith("EC") && key.getAlgorithm().startsWith("EC"))) {
      return false;
    }
    String algorithm = switch (pub.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      byte[] probe = "gardien key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(pub);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "CertificatePair[" + leaf().getSubjectX500Principal() + ", notAfter=" + notAfter() + ", key=****]";
  }
}
