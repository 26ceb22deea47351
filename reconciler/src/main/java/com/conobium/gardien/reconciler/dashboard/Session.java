package com.conobium.gardien.reconciler.dashboard;

import java.time.Instant;

/**
 * A signed-in operator's session.
 *
 * @param id the cookie's value (32 random bytes)
 * @param operator who signed in
 * @param csrf the token every form of this session carries (32 random bytes, apart from the id)
 * @param started when the operator signed in
 */
record Session(String id, String operator, String csrf, Instant started) {}
