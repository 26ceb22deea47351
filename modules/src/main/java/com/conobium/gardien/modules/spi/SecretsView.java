package com.conobium.gardien.modules.spi;

import java.util.Optional;

/**
 * The secrets of one server, as a module sees them while deriving its desired state. The engine
 * resolves them from the secret store; a module never reads files or keys itself. A module says
 * whose each secret is ({@link SecretOwner}): the store records it, and credential links carry only
 * the customer's.
 */
public interface SecretsView {

  /**
   * The secret {@code name}: the stored one, or a new random one of {@code length} characters that
   * is stored and kept from now on (a later change of {@code length} applies at the next rotation).
   * A stored secret recorded with another owner is recorded with {@code owner} from now on.
   *
   * @throws IllegalStateException when there is no secret store or it cannot be read; the message
   *     never contains a secret
   */
  Secret secret(String name, int length, SecretOwner owner);

  /** {@link #secret(String, int, SecretOwner)} for a secret of Gardien's own. */
  default Secret secret(String name, int length) {
    return secret(name, length, SecretOwner.GARDIEN);
  }

  /**
   * The stored secret {@code name} (e.g. a PEM certificate), or empty when there is none; nothing
   * is generated. A stored secret recorded with another owner is recorded with {@code owner} from
   * now on.
   *
   * @throws IllegalStateException when there is no secret store or it cannot be read
   */
  default Optional<Secret> stored(String name, SecretOwner owner) {
    throw new IllegalStateException("no secret store for secret '" + name + "'");
  }

  /**
   * Whether the values are the real ones. A plan made without the secret store (a pull request's
   * CI job) sees stand-in values: the engine plans twice with two sets of them and reports what
   * depends on them as not compared, and a module whose secret is only stored (a certificate) plans
   * nothing for it rather than report it missing.
   */
  default boolean known() {
    return true;
  }

  /** {@link #stored(String, SecretOwner)} for a secret of Gardien's own. */
  default Optional<Secret> stored(String name) {
    return stored(name, SecretOwner.GARDIEN);
  }

  /** No secret store: any request fails. What a {@link Target} made without one has. */
  SecretsView NONE =
      (name, length, owner) -> {
        throw new IllegalStateException("no secret store for secret '" + name + "'");
      };
}
