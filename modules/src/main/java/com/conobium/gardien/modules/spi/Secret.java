package com.conobium.gardien.modules.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret value kept in Gardien's secret store, e.g. a generated password. Its {@link #toString()}
 * is masked, so a secret that ends up in a log line, an exception message or an assertion failure
 * shows nothing. Read the value only with {@link #reveal()}, and only to put it in a step's
 * standard input or to hash it.
 */
public final class Secret {
  private final String value;
  private final String salt;
  private final Instant created;
  private final SecretOwner owner;

  /**
   * @param value the secret text
   * @param salt random text generated with the value, for one-way hashes of the value that must be
   *     reproducible (a crypt salt: characters {@code [A-Za-z0-9./]}, 16 of them)
   * @param created when this value was generated
   */
  public Secret(String value, String salt, Instant created) {
    this(value, salt, created, SecretOwner.GARDIEN);
  }

  /**
   * @param owner whose secret it is: only the customer's ever leave the controller (credential links)
   */
  public Secret(String value, String salt, Instant created, SecretOwner owner) {
    this.value = Objects.requireNonNull(value, "value");
    this.salt = Objects.requireNonNull(salt, "salt");
    this.created = Objects.requireNonNull(created, "created");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** The same value, salt and date, owned by {@code newOwner}. */
  public Secret ownedBy(SecretOwner newOwner) {
    return new Secret(value, salt, created, newOwner);
  }

  /** The secret text. Never print it. */
  public String reveal() {
    return value;
  }

  /** The random salt generated with this value. Not secret on its own, but kept with it. */
  public String salt() {
    return salt;
  }

  /**
   * Whether Gardien generated this value (a password); false for text stored as given, such as a
   * certificate or a key, which has an empty salt and is never rotated.
   */
  public boolean generated() {
    return !salt.isEmpty();
  }

  /** When this value was generated. */
  public Instant created() {
    return created;
  }

  /** Whose secret it is; only the customer's are ever handed out. */
  public SecretOwner owner() {
    return owner;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value) && s.salt.equals(salt) && s.created.equals(created)
        && s.owner == owner;
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, salt, created, owner);
  }

  /** Masked: never the value. */
  @Override
  public String toString() {
    return "Secret[****]";
  }
}
