package com.conobium.gardien.reconciler.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordsTest {
  // cost 4: the lowest bcrypt allows, so the test is quick; the format and the check are the same
  private final Passwords passwords = new Passwords(new SecureRandom(), 4);

  @Test
  void aHashMatchesItsPasswordOnlyAndNeverContainsIt() {
    String hash = passwords.hash("correct horse battery".toCharArray());
    assertThat(hash).startsWith("$2y$04$").hasSize(60).doesNotContain("horse");
    assertThat(passwords.matches(hash, "correct horse battery".toCharArray())).isTrue();
    assertThat(passwords.matches(hash, "correct horse batterY".toCharArray())).isFalse();
    assertThat(passwords.hash("correct horse battery".toCharArray())).as("salted").isNotEqualTo(hash);
  }

  @Test
  void theDefaultCostIsTwelve() {
    assertThat(new Passwords().hash("twelve chars!".toCharArray())).startsWith("$2y$12$");
  }

  @Test
  void aMalformedHashMatchesNothing() {
    assertThat(passwords.matches("not a hash", "whatever it is".toCharArray())).isFalse();
  }

  @Test
  void tooShortAndTooLongPasswordsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> passwords.hash("short".toCharArray())).hasMessageContaining("at least 12 characters");
    assertThat(Passwords.problem("é".repeat(37).toCharArray())).as("74 bytes in UTF-8").contains("at most 72 bytes");
    assertThat(Passwords.problem("a".repeat(72).toCharArray())).isNull();
  }
}
