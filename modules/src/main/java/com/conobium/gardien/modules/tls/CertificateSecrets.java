package com.conobium.gardien.modules.tls;

/** Names of the TLS secrets in Gardien's secret store, per server. */
public final class CertificateSecrets {
  /** The ACME account's key pair (PEM), generated once per fleet (a fleet-wide secret). */
  public static final String ACME_ACCOUNT_KEY = "acme/account-key";

  private CertificateSecrets() {}

  /** The certificate chain ACME issued for {@code site} (PEM, leaf first). */
  public static String fullchain(String site) {
    return "tls/" + site + "/fullchain";
  }

  /** The private key of the certificate ACME issued for {@code site} (PEM). */
  public static String privkey(String site) {
    return "tls/" + site + "/privkey";
  }
}
