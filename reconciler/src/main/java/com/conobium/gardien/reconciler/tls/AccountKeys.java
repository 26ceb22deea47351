package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.modules.tls.CertificateSecrets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.util.Optional;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The ACME account key pair of each server: generated once (EC P-256) and kept, as PEM, in
 * Gardien's secret store under {@link CertificateSecrets#ACME_ACCOUNT_KEY}.
 */
public final class AccountKeys {
  private final SecretStore store;

  public AccountKeys(SecretStore store) {
    this.store = store;
  }

  /** The account key of {@code server}, created and stored on first use. */
  public KeyPair loadOrCreate(String server) {
    Optional<com.conobium.gardien.modules.spi.Secret> stored = store.get(server, CertificateSecrets.ACME_ACCOUNT_KEY);
    try {
      if (stored.isPresent()) {
        return KeyPairUtils.readKeyPair(new StringReader(stored.get().reveal()));
      }
      KeyPair pair = KeyPairUtils.createECKeyPair("secp256r1");
      StringWriter pem = new StringWriter();
      KeyPairUtils.writeKeyPair(pair, pem);
      store.put(server, CertificateSecrets.ACME_ACCOUNT_KEY, pem.toString());
      return pair;
    } catch (IOException e) {
      throw new IllegalStateException("the ACME account key of " + server + " in the secret store is unreadable");
    }
  }
}
