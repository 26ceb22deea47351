package com.conobium.gardien.reconciler.tls;

import com.conobium.gardien.modules.tls.CertificateSecrets;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.security.KeyPair;
import java.util.Optional;

/**
 * The fleet's one ACME account key pair: generated once (EC P-256) and kept, as PEM, among
 * Gardien's fleet-wide secrets ({@link SecretStore#FLEET}) under {@link
 * CertificateSecrets#ACME_ACCOUNT_KEY}. Every server's certificates are ordered with it.
 */
public final class AccountKeys {
  private final SecretStore store;

  public AccountKeys(SecretStore store) {
    this.store = store;
  }

  /** The fleet's account key, created and stored on first use. */
  public synchronized KeyPair loadOrCreate() {
    Optional<com.conobium.gardien.modules.spi.Secret> stored =
        store.get(SecretStore.FLEET, CertificateSecrets.ACME_ACCOUNT_KEY);
    if (stored.isPresent()) {
      try {
        return EcKeys.parse(stored.get().reveal());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("the fleet's ACME account key in the secret store is unreadable");
      }
    }
    KeyPair pair = EcKeys.generate();
    store.put(SecretStore.FLEET, CertificateSecrets.ACME_ACCOUNT_KEY, EcKeys.pem(pair));
    return pair;
  }
}
