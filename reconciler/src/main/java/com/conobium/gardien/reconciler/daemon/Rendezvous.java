package com.conobium.gardien.reconciler.daemon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/**
 * Rendezvous (highest random weight) hashing: each server goes to the live replica whose hash of
 * (server, replica) is highest. Every replica computes the same answer from the same list, the
 * servers spread evenly, and when a replica joins or leaves only the servers it wins or held move.
 * Pure.
 */
final class Rendezvous {
  private Rendezvous() {}

  /** The replica that should own {@code server} among {@code replicas}; null when there is none. */
  static String owner(String server, Collection<String> replicas) {
    String best = null;
    long bestWeight = Long.MIN_VALUE;
    for (String replica : replicas) {
      long weight = weight(server, replica);
      if (best == null || weight > bestWeight || (weight == bestWeight && replica.compareTo(best) < 0)) {
        best = replica;
        bestWeight = weight;
      }
    }
    return best;
  }

  static long weight(String server, String replica) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest((server + "\u0000" + replica).getBytes(StandardCharsets.UTF_8));
      long w = 0;
      for (int i = 0; i < 8; i++) {
        w = (w << 8) | (h[i] & 0xff);
      }
      return w;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
