package com.conobium.gardien.reconciler.tls;

import java.security.PrivateKey;
import java.util.Base64;

/** A private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}), which nginx and openssl read. */
final class Pkcs8 {
  private Pkcs8() {}

  static String pem(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("a " + key.getAlgorithm() + " key not encoded as PKCS#8");
    }
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
