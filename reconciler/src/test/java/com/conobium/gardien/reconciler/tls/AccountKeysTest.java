package com.conobium.gardien.reconciler.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.reconciler.secrets.SecretStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountKeysTest {
  @TempDir Path home;

  @Test
  void theFleetHasOneAccountKeyCreatedOnceAndReadBackNoServerHoldsIt() {
    SecretStore store = new SecretStore(home, new SecureRandom(), Clock.systemUTC());

    KeyPair first = new AccountKeys(store).loadOrCreate();
    KeyPair again = new AccountKeys(new SecretStore(home, new SecureRandom(), Clock.systemUTC())).loadOrCreate();

    assertThat(again.getPublic()).isEqualTo(first.getPublic());
    assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    assertThat(store.get(SecretStore.FLEET, "acme/account-key")).hasValueSatisfying(s -> {
      assertThat(s.generated()).isFalse();
      assertThat(s.reveal()).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
    });
    assertThat(store.all("web1")).as("no server holds the fleet's key").isEmpty();
  }

  @Test
  void issuedKeysArePkcs8() {
    KeyPair pair = EcKeys.generate();

    String pem = Pkcs8.pem(pair.getPrivate());

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("\n-----END PRIVATE KEY-----\n");
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
  }

  @Test
  void accountKeysRoundTripThroughPem() {
    KeyPair pair = EcKeys.generate();
    KeyPair back = EcKeys.parse(EcKeys.pem(pair));

    assertThat(back.getPublic()).isEqualTo(pair.getPublic());
    assertThat(back.getPrivate().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> EcKeys.parse("-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("QUJD");
  }
}
