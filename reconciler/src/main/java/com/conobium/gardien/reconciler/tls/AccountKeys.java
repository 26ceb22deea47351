package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.modules.tls.CertificateSecrets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.security.KeyPair;
import java.util.Optional;

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
    if (stored.isPresent()) {
      try {
        return EcKeys.parse(stored.get().reveal());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the ACME account key of " + server + " in the secret store is unreadable");
      }
    }
    KeyPair pair = EcKeys.generate();
    store.put(server, CertificateSecrets.ACME_ACCOUNT_KEY, EcKeys.pem(pair));
    return pair;
  }
}
