package com.conobium.gardien.modules.spi;

/**
 * Whose a secret is. The customer's secrets are what the offer hands over (root's and the admin's
 * passwords, each site's database password, the certificates the customer provided); a credential
 * link carries only those. Gardien's own (the backup space's key, the backup repository's password,
 * ACME keys and what ACME issued) never leave the controller.
 */
public enum SecretOwner {
  CUSTOMER,
  GARDIEN;

  /** How the secret store and the CLI spell it: {@code customer}, {@code gardien}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
