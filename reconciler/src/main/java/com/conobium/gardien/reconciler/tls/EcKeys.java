package com.conobium.gardien.reconciler.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC P-256 key pairs from the JDK (no security provider to register), and their PEM text: the
 * private key as PKCS#8 followed by the public key as X.509 SubjectPublicKeyInfo.
 */
final class EcKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

  private EcKeys() {}

  /** A new P-256 key pair. */
  static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has EC P-256", e);
    }
  }

  /** Both keys as PEM. */
  static String pem(KeyPair pair) {
    return Pkcs8.pem(pair.getPrivate())
        + "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * The key pair {@link #pem} wrote.
   *
   * @throws IllegalArgumentException when it is not such text (the message never quotes it)
   */
  static KeyPair parse(String pem) {
    byte[] privateKey = null;
    byte[] publicKey = null;
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        privateKey = der;
      } else {
        publicKey = der;
      }
    }
    if (privateKey == null || publicKey == null) {
      throw new IllegalArgumentException("not a PEM private and public EC key");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicKey)),
          factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM private and public EC key");
    }
  }
}
