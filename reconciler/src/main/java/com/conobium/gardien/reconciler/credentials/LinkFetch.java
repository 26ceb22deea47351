package com.conobium.gardien.reconciler.credentials;

/** What asking for a link's ciphertext gives: the ciphertext once, then Gone; Unknown for no such link. */
public sealed interface LinkFetch {
  /** The ciphertext, handed out now and never again. */
  record Sealed(CredentialLink link, byte[] bytes) implements LinkFetch {
    @Override
    public String toString() {
      return "Sealed[" + link.id() + ", " + bytes.length + " bytes]";
    }
  }

  /** The link was viewed already or has expired. */
  record Gone() implements LinkFetch {}

  /** No such link: never made, revoked, purged, or not a link id at all. */
  record Unknown() implements LinkFetch {}
}
