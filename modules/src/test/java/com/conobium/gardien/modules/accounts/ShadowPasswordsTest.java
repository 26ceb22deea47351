package com.conobium.gardien.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Secret;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShadowPasswordsTest {
  private final ShadowPasswords shadow = new ShadowPasswords();

  @Test
  void aSecretMetAgainGivesTheFieldComputedTheFirstTime() {
    Secret secret = new Secret("Hello world!", "saltstring", Instant.EPOCH);

    ShadowPassword first = shadow.of(secret);

    assertThat(shadow.of(new Secret("Hello world!", "saltstring", Instant.EPOCH))).isSameAs(first);
    assertThat(first).isEqualTo(ShadowPassword.of(secret));
  }

  @Test
  void aRotatedSecretOrAnotherSaltIsAnotherField() {
    ShadowPassword a = shadow.of(new Secret("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef", Instant.EPOCH));
    ShadowPassword rotated = shadow.of(new Secret("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "0123456789abcdef", Instant.EPOCH));
    ShadowPassword resalted = shadow.of(new Secret("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "fedcba9876543210", Instant.EPOCH));

    assertThat(rotated).isNotEqualTo(a);
    assertThat(resalted).isNotEqualTo(a);
    assertThat(resalted).isEqualTo(ShadowPassword.of(new Secret("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "fedcba9876543210",
        Instant.EPOCH)));
  }
}
