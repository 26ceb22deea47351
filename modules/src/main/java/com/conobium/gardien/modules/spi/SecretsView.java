package com.conobium.gardien.modules.spi;

import java.util.Optional;

/**
 * The secrets of one server, as a module sees them while deriving its desired state. The engine
 * resolves them from the secret store; a module never reads files or keys itself.
 */
public interface SecretsView {

  /**
   * The secret {@code name}: the stored one, or a new random one of {@code length} characters that
   * is stored and kept from now on (a later change of {@code length} applies at the next rotation).
   *
   * @throws IllegalStateException when there is no secret store or it cannot be read; the message
   *     never contains a secret
   */
  Secret secret(String name, int length);

  /**
   * The stored secret {@code name} (e.g. a PEM certificate), or empty when there is none; nothing
   * is generated.
   *
   * @throws IllegalStateException when there is no secret store or it cannot be read
   */
  default Optional<Secret> stored(String name) {
    throw new IllegalStateException("no secret store for secret '" + name + "'");
  }

  /** No secret store: any request fails. What a {@link Target} made without one has. */
  SecretsView NONE =
      (name, length) -> {
        throw new IllegalStateException("no secret store for secret '" + name + "'");
      };
}
