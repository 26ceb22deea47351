package com.conobium.gardien.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list field that also takes a single value for a list of one ({@code hostKey: ssh-ed25519 …}
 * or {@code hostKey: [ssh-ed25519 …, ecdsa-sha2-nistp256 …]}): the JSON Schema accepts either
 * form, and binding reads a single value as a list of one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OneOrMany {}
