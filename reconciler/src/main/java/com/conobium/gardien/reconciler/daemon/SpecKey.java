package com.conobium.gardien.reconciler.daemon;

/**
 * What a server's desired state is made of, reduced to a digest (see {@link SpecHasher}): its
 * effective spec and the fleet settings. Two equal keys give the same plan on the same facts, so a
 * revision that leaves a server's key alone does not make it run again, nor does a restart (the key
 * is stored with the server's status).
 *
 * @param hash the SHA-256 (hex) of the spec and fleet settings
 */
record SpecKey(String hash) {}
