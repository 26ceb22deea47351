package com.conobium.gardien.reconciler.credentials;

/**
 * A new credential link and its full address, {@code BASE/c/ID#KEY}: the key is in the fragment.
 * The address is the capability to read the credentials, so {@link #toString()} masks the key.
 *
 * @param link what Gardien stores about the link
 * @param url the address to hand to the customer, key included
 */
public record SharedLink(CredentialLink link, String url) {
  /** The address without its key: safe to print in logs. */
  public String maskedUrl() {
    int hash = url.indexOf('#');
    return (hash < 0 ? url : url.substring(0, hash)) + "#****";
  }

  @Override
  public String toString() {
    return "SharedLink[" + link.id() + ", " + maskedUrl() + "]";
  }
}
