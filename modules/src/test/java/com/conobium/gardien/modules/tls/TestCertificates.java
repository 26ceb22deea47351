package com.conobium.gardien.modules.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates made in tests with BouncyCastle: any names, any validity, any key. */
final class TestCertificates {
  private TestCertificates() {}

  static KeyPair ecKey() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsaKey() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ed25519Key() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PEM certificate for {@code names}, valid from {@code from} to {@code until}, of {@code key}. */
  static String certificate(KeyPair key, List<String> names, Instant from, Instant until) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name("CN=" + names.get(0)), BigInteger.valueOf(System.nanoTime()), Date.from(from),
          Date.from(until), new X500Name("CN=" + names.get(0)), key.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
      String algorithm = switch (key.getPrivate().getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        default -> "Ed25519";
      };
      var cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
      return pem(cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private key as PEM: PKCS#1 ({@code RSA PRIVATE KEY}) for RSA, PKCS#8 otherwise. */
  static String key(KeyPair key) {
    if (key.getPrivate().getAlgorithm().equals("RSA")) {
      return pem(key.getPrivate());
    }
    try {
      return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null).generate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An EC private key as OpenSSL's traditional SEC1 PEM ({@code EC PRIVATE KEY}, the form of
   * {@code openssl ecparam -genkey}): the curve named inside the key, as OpenSSL writes it.
   */
  static String sec1Key(KeyPair key) {
    try {
      var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getPrivate().getEncoded());
      var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
      var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
          info.getPrivateKeyAlgorithm().getParameters());
      return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }
}
