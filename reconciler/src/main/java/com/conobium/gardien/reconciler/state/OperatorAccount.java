package com.conobium.gardien.reconciler.state;

import java.time.Instant;

/**
 * A dashboard operator: a name and the bcrypt hash of the password (never the password).
 *
 * @param name the login name
 * @param passwordHash the {@code $2y$…} hash
 * @param created when it was added
 */
public record OperatorAccount(String name, String passwordHash, Instant created) {}
