package com.conobium.gardien.reconciler.secrets;

import java.time.Instant;

/**
 * What may be shown of a stored secret: its name and when its value was generated. Never the
 * value.
 */
public record SecretInfo(String name, Instant created) {}
