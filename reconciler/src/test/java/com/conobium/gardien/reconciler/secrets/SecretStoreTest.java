package com.conobium.gardien.reconciler.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
  static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

  @TempDir Path home;

  SecretStore store() {
    return new SecretStore(home, new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aSecretIsGeneratedOnceAndKeptAcrossStores() {
    Secret first = store().getOrCreate("web1", "root-password", 30);
    Secret again = store().getOrCreate("web1", "root-password", 30);

    assertThat(again).isEqualTo(first);
    assertThat(again.reveal()).hasSize(30);
    assertThat(again.salt()).hasSize(16).matches("[A-Za-z0-9./]+");
    assertThat(again.created()).isEqualTo(NOW);
    assertThat(store().getOrCreate("web2", "root-password", 30)).isNotEqualTo(first);
  }

  @Test
  void generatedSecretsUseOnlyTheAlphabet() {
    SecretGenerator generator = new SecretGenerator(new SecureRandom());
    for (int i = 0; i < 200; i++) {
      String s = generator.secret(30);
      assertThat(s).hasSize(30);
      for (char c : s.toCharArray()) {
        assertThat(SecretGenerator.ALPHABET).contains(String.valueOf(c));
      }
    }
    assertThat(SecretGenerator.ALPHABET).doesNotContain("'", "\"", "\\", " ", ":", "$", "`", "!", "0", "O", "l", "1", "I");
    assertThat(generator.secret(64)).hasSize(64);
  }

  @Test
  void theFileIsEncryptedAndEverythingIsMode0600() throws Exception {
    Secret secret = store().getOrCreate("web1", "admin-password", 30);

    Path file = home.resolve("secrets/web1.json.enc");
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(secret.reveal()).doesNotContain("admin-password").startsWith("GSS1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key")))).isEqualTo("rw-------");
    assertThat(Files.size(home.resolve("secret.key"))).isEqualTo(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secrets")))).isEqualTo("rwx------");
    try (var listing = Files.list(home.resolve("secrets"))) {
      assertThat(listing).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void everyWriteUsesAFreshIv() throws Exception {
    SecretStore store = store();
    store.getOrCreate("web1", "a", 30);
    byte[] before = Files.readAllBytes(store.file("web1"));
    store.rotate("web1", List.of());
    store.rotate("web1", List.of());
    byte[] after = Files.readAllBytes(store.file("web1"));

    assertThat(java.util.Arrays.copyOfRange(after, 4, 16)).isNotEqualTo(java.util.Arrays.copyOfRange(before, 4, 16));
  }

  @Test
  void rotateChangesTheValueAndKeepsTheLength() {
    SecretStore store = store();
    Secret root = store.getOrCreate("web1", "root-password", 40);
    Secret admin = store.getOrCreate("web1", "admin-password", 30);

    assertThat(store.rotate("web1", List.of("root-password"))).containsExactly("root-password");

    Secret rotated = store().getOrCreate("web1", "root-password", 30);
    assertThat(rotated.reveal()).hasSize(40).isNotEqualTo(root.reveal());
    assertThat(rotated.salt()).isNotEqualTo(root.salt());
    assertThat(store().getOrCreate("web1", "admin-password", 30)).isEqualTo(admin);
    assertThat(store.rotate("web1", List.of())).containsExactly("admin-password", "root-password");
    assertThat(store().getOrCreate("web1", "admin-password", 30)).isNotEqualTo(admin);
  }

  @Test
  void rotatingAnUnknownSecretFailsAndChangesNothing() throws Exception {
    SecretStore store = store();
    store.getOrCreate("web1", "root-password", 30);
    byte[] before = Files.readAllBytes(store.file("web1"));

    assertThatThrownBy(() -> store.rotate("web1", List.of("root-password", "nope")))
        .isInstanceOf(SecretStoreException.class).hasMessageContaining("nope").hasMessageContaining("root-password");
    assertThat(Files.readAllBytes(store.file("web1"))).isEqualTo(before);
  }

  @Test
  void listShowsNamesDatesAndOwnersOnly() {
    SecretStore store = store();
    store.getOrCreate("web1", "root-password", 30, SecretOwner.CUSTOMER);
    store.getOrCreate("web1", "backup-ssh-key", 30);

    assertThat(store.list("web1")).containsExactly(
        new SecretInfo("backup-ssh-key", NOW, SecretOwner.GARDIEN), new SecretInfo("root-password", NOW, SecretOwner.CUSTOMER));
    assertThat(store.list("unknown")).isEmpty();
  }

  @Test
  void theOwnerIsKeptAcrossReadsRotationsAndReplacementsAndFollowsWhatTheModuleSays() {
    SecretStore store = store();
    Secret admin = store.getOrCreate("web1", "admin-password", 30); // as a store written before owners
    store.put("web1", "tls/shop/chain", "PEM 1");

    Secret claimed = store().getOrCreate("web1", "admin-password", 30, SecretOwner.CUSTOMER);
    store().get("web1", "tls/shop/chain", SecretOwner.CUSTOMER);
    store().rotate("web1", List.of("admin-password"));
    store().put("web1", "tls/shop/chain", "PEM 2");

    assertThat(claimed.reveal()).as("claiming changes the owner, not the value").isEqualTo(admin.reveal());
    assertThat(store().all("web1")).allSatisfy((name, s) -> assertThat(s.owner()).as(name).isEqualTo(SecretOwner.CUSTOMER));
    assertThat(store().get("web1", "admin-password").orElseThrow().reveal()).isNotEqualTo(admin.reveal());
    assertThat(store().get("web1", "tls/shop/chain").orElseThrow().reveal()).isEqualTo("PEM 2");
  }

  @Test
  void aWrongKeyFailsCleanlyWithoutTheSecret() throws Exception {
    Secret secret = store().getOrCreate("web1", "root-password", 30);
    byte[] other = new byte[32];
    new SecureRandom().nextBytes(other);
    Files.write(home.resolve("secret.key"), other);

    assertThatThrownBy(() -> store().getOrCreate("web1", "root-password", 30))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("not the one they were written with")
        .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain(secret.reveal()));
  }

  @Test
  void tamperingIsDetected() throws Exception {
    SecretStore store = store();
    store.getOrCreate("web1", "root-password", 30);
    Path file = store.file("web1");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> store().list("web1"))
        .isInstanceOf(SecretStoreException.class).hasMessageContaining("altered");
  }

  @Test
  void aFileCopiedToAnotherServerNameDoesNotDecrypt() throws Exception {
    SecretStore store = store();
    store.getOrCreate("web1", "root-password", 30);
    Files.copy(store.file("web1"), store.file("web2"));

    assertThatThrownBy(() -> store().list("web2")).isInstanceOf(SecretStoreException.class);
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    store().getOrCreate("web1", "root-password", 30);
    Files.setPosixFilePermissions(home.resolve("secret.key"), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> store().list("web1")).isInstanceOf(SecretStoreException.class).hasMessageContaining("chmod 600");
  }

  @Test
  void serverNamesCannotEscapeTheDirectory() {
    assertThatThrownBy(() -> store().list("../x")).isInstanceOf(SecretStoreException.class);
    assertThatThrownBy(() -> store().list("a/b")).isInstanceOf(SecretStoreException.class);
    assertThatThrownBy(() -> store().getOrCreate("web1", "../x", 30)).isInstanceOf(SecretStoreException.class);
  }

  @Test
  void theViewIsAValueAndNeverShowsSecrets() {
    SecretStore store = store();
    ServerSecrets view = store.view("web1");
    Secret secret = view.secret("root-password", 30);

    assertThat(view).isEqualTo(store.view("web1"));
    assertThat(secret.toString() + view + store).doesNotContain(secret.reveal());
  }

  @Test
  void textIsPutAndReadBackEncryptedAndMasked() throws Exception {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n";
    store().put("web1", "tls/shop/privkey", pem);

    Secret read = store().get("web1", "tls/shop/privkey").orElseThrow();
    assertThat(read.reveal()).isEqualTo(pem);
    assertThat(read.generated()).isFalse();
    assertThat(read.toString()).doesNotContain("MIIEvQ");
    assertThat(store().get("web1", "tls/other/privkey")).isEmpty();
    assertThat(new String(Files.readAllBytes(home.resolve("secrets/web1.json.enc")),
        java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("MIIEvQ").doesNotContain("tls/shop");

    store().put("web1", "tls/shop/privkey", "replaced");
    assertThat(store().get("web1", "tls/shop/privkey").orElseThrow().reveal()).isEqualTo("replaced");
  }

  @Test
  void putTextIsNeverRotated() {
    Secret password = store().getOrCreate("web1", "root-password", 30);
    store().put("web1", "acme/account-key", "KEY");

    assertThat(store().rotate("web1", List.of())).containsExactly("root-password");
    assertThat(store().get("web1", "acme/account-key").orElseThrow().reveal()).isEqualTo("KEY");
    assertThat(store().get("web1", "root-password").orElseThrow()).isNotEqualTo(password);
    assertThatThrownBy(() -> store().rotate("web1", List.of("acme/account-key")))
        .isInstanceOf(SecretStoreException.class).hasMessageContaining("not generated")
        .hasMessageNotContaining("KEY");
  }

  @Test
  void slashedNamesMustBeTidy() {
    assertThatThrownBy(() -> store().put("web1", "tls//privkey", "x")).isInstanceOf(SecretStoreException.class);
    assertThatThrownBy(() -> store().put("web1", "tls/../x", "x")).isInstanceOf(SecretStoreException.class);
    assertThatThrownBy(() -> store().put("web1", "/tls", "x")).isInstanceOf(SecretStoreException.class);
  }
}
