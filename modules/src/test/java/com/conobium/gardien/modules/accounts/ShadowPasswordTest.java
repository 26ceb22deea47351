package com.conobium.gardien.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.Secret;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShadowPasswordTest {
  @Test
  void isTheGlibcSha512CryptOfTheSecretWithItsSalt() {
    // Reference from the glibc/libxcrypt documentation test vectors (Drepper's SHA-crypt spec).
    Secret secret = new Secret("Hello world!", "saltstring", Instant.EPOCH);

    ShadowPassword field = ShadowPassword.of(secret);

    assertThat(field.crypt()).isEqualTo(
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
    assertThat(field.matches(FileFacts.sha256Hex(field.crypt()))).isTrue();
    assertThat(field.matches(null)).isFalse();
  }

  @Test
  void sameSecretSameFieldOtherSecretOtherField() {
    Secret a = new Secret("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef", Instant.EPOCH);
    Secret b = new Secret("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "0123456789abcdef", Instant.EPOCH);

    assertThat(ShadowPassword.of(a)).isEqualTo(ShadowPassword.of(a));
    assertThat(ShadowPassword.of(a).digest()).isNotEqualTo(ShadowPassword.of(b).digest());
  }

  @Test
  void toStringIsMasked() {
    Secret secret = new Secret("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef", Instant.EPOCH);

    assertThat(ShadowPassword.of(secret).toString()).doesNotContain("$6$").doesNotContain("aaaa");
    assertThat(secret.toString()).doesNotContain("aaaa");
  }
}
