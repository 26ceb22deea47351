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

  /** A PEM certificate for {@code names}, valid from {@code from} to {@code until}, of {@code key}. */
  static String certificate(KeyPair key, List<String> names, Instant from, Instant until) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          new X500Name("CN=" + names.get(0)), BigInteger.valueOf(System.nanoTime()), Date.from(from),
          Date.from(until), new X500Name("CN=" + names.get(0)), key.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
      String algorithm = key.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
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
