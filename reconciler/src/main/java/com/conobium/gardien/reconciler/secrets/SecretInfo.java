package com.conobium.gardien.reconciler.secrets;

import com.conobium.gardien.modules.spi.SecretOwner;
import java.time.Instant;

/**
 * What may be shown of a stored secret: its name, when its value was generated and whose it is.
 * Never the value.
 */
public record SecretInfo(String name, Instant created, SecretOwner owner) {}
