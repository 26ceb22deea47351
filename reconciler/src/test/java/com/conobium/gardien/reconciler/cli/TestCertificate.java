package com.conobium.gardien.reconciler.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed certificate (PEM) and its PKCS#8 key for tests, covering the given host names. */
record TestCertificate(String certificatePem, String keyPem) {
  static TestCertificate selfSigned(String... domains) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = gen.generateKeyPair();
    X500Name name = new X500Name("CN=" + domains[0]);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(90))), name, key.getPublic());
    GeneralName[] names = new GeneralName[domains.length];
    for (int i = 0; i < domains.length; i++) {
      names[i] = new GeneralName(GeneralName.dNSName, domains[i]);
    }
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    String certificate = Pebble.pem(new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))));
    return new TestCertificate(certificate, Pebble.pem(new JcaPKCS8Generator(key.getPrivate(), null).generate()));
  }

  /** Puts it into {@code repo}'s secret store as {@code NAME-cert} and {@code NAME-key} of {@code server}. */
  void store(TestRepo repo, String server, String name) throws Exception {
    Files.createDirectories(repo.home);
    Path dir = Files.createTempDirectory("gardien-cert");
    Files.writeString(dir.resolve("cert.pem"), certificatePem);
    Files.writeString(dir.resolve("key.pem"), keyPem);
    for (String[] part : new String[][] {{"-cert", "cert.pem"}, {"-key", "key.pem"}}) {
      CliRun put = CliRun.inHome(repo.home, "secrets", "put", server, name + part[0], "--file",
          dir.resolve(part[1]).toString());
      if (put.exitCode() != 0) {
        throw new AssertionError("secrets put failed: " + put);
      }
    }
  }
}
