package com.conobium.gardien.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.modules.spi.Secret;
import com.conobium.gardien.modules.spi.SecretOwner;
import com.conobium.gardien.reconciler.secrets.SecretStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialSharerTest {
  static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

  @TempDir Path home;
  final MutableClock clock = new MutableClock(NOW);
  SecretStore secrets;
  LinkStore links;
  CredentialSharer sharer;
  Secret root;
  Secret admin;

  @BeforeEach
  void setUp() {
    secrets = new SecretStore(home, new SecureRandom(), clock);
    links = new LinkStore(home.resolve("links"), new SecureRandom(), clock);
    sharer = new CredentialSharer(secrets, links, new LinkCipher(new SecureRandom()));
    root = secrets.getOrCreate("web1", "root-password", 30, SecretOwner.CUSTOMER);
    admin = secrets.getOrCreate("web1", "admin-password", 30, SecretOwner.CUSTOMER);
    // Gardien's own, generated and stored as given
    secrets.getOrCreate("web1", "backup-ssh-key", 43);
    secrets.getOrCreate("web1", "backup-repository-password", 43);
    secrets.put("web1", "acme/account-key", "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n");
  }

  @Test
  void aLinkCarriesTheCustomersSecretsAndNoneOfGardiensOwn() throws Exception {
    secrets.put("web1", "tls/shop/provided-chain", "chain", SecretOwner.CUSTOMER);

    SharedLink shared = sharer.share("web1", List.of(), Duration.ofHours(1), "https://g.example");

    assertThat(open(shared).get("credentials").findValuesAsText("name"))
        .containsExactly("admin-password", "root-password", "tls/shop/provided-chain");
    for (String own : List.of("backup-ssh-key", "backup-repository-password", "acme/account-key")) {
      assertThatThrownBy(() -> sharer.share("web1", List.of(own), Duration.ofHours(1), "https://g.example"))
          .isInstanceOf(CredentialLinkException.class)
          .hasMessageContaining("'" + own + "' is Gardien's own secret of web1")
          .hasMessageContaining("the customer's are: admin-password, root-password, tls/shop/provided-chain")
          .hasMessageNotContaining(secrets.get("web1", own).orElseThrow().reveal());
    }
    assertThat(links.list("web1")).hasSize(1);
  }

  @Test
  void aServerWhoseOwnersAreNotRecordedYetSharesNothing() {
    secrets.getOrCreate("web2", "admin-password", 30); // as stores before owners were recorded read

    assertThatThrownBy(() -> sharer.share("web2", List.of(), Duration.ofHours(1), "https://g.example"))
        .isInstanceOf(CredentialLinkException.class)
        .hasMessageContaining("no secret of the customer's yet (a plan or apply records whose each secret is)");
    assertThat(links.list(null)).isEmpty();
  }

  @Test
  void theLinkCarriesTheKeyInItsFragmentAndOpensToTheCredentials() throws Exception {
    SharedLink shared = sharer.share("web1", List.of(), Duration.ofHours(72), "https://gardien.example.com/");

    URI url = URI.create(shared.url());
    assertThat(url.getScheme() + "://" + url.getHost() + url.getPath())
        .isEqualTo("https://gardien.example.com/c/" + shared.link().id());
    assertThat(shared.link().expires()).isEqualTo(NOW.plus(Duration.ofHours(72)));
    assertThat(shared.link().names()).containsExactly("admin-password", "root-password");
    JsonNode bundle = open(shared);
    assertThat(bundle.get("server").asText()).isEqualTo("web1");
    assertThat(bundle.get("credentials").findValuesAsText("value")).containsExactly(admin.reveal(), root.reveal());
    assertThat(shared.toString()).doesNotContain(url.getFragment()).contains("#****");
  }

  @Test
  void onlyTheChosenSecretsAndNothingReadableIsStored() throws Exception {
    SharedLink shared = sharer.share("web1", List.of("admin-password"), Duration.ofHours(1), "http://127.0.0.1:8443");

    String key = URI.create(shared.url()).getFragment();
    String stored = Files.readString(links.file(shared.link().id()));
    assertThat(stored).doesNotContain(admin.reveal()).doesNotContain(root.reveal()).doesNotContain(key);
    assertThat(open(shared).get("credentials").findValuesAsText("name")).containsExactly("admin-password");
  }

  @Test
  void everyShareIsANewLinkWithANewKey() {
    SharedLink first = sharer.share("web1", List.of(), Duration.ofHours(1), "https://g.example");
    SharedLink second = sharer.share("web1", List.of(), Duration.ofHours(1), "https://g.example");

    assertThat(second.link().id()).isNotEqualTo(first.link().id());
    assertThat(URI.create(second.url()).getFragment()).isNotEqualTo(URI.create(first.url()).getFragment());
    assertThat(links.list("web1")).hasSize(2);
  }

  @Test
  void refusesWhatItCannotShare() {
    assertThatThrownBy(() -> sharer.share("web1", List.of("db-password"), Duration.ofHours(1), "https://g.example"))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("no secret named 'db-password'");
    assertThatThrownBy(() -> sharer.share("web9", List.of(), Duration.ofHours(1), "https://g.example"))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("has no secrets yet");
    assertThatThrownBy(() -> sharer.share("web1", List.of(), Duration.ofDays(31), "https://g.example"))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("30 days");
    assertThatThrownBy(() -> sharer.share("web1", List.of(), Duration.ZERO, "https://g.example"))
        .isInstanceOf(CredentialLinkException.class);
    assertThatThrownBy(() -> sharer.share("web1", List.of(), Duration.ofHours(1), "ftp://g.example"))
        .isInstanceOf(CredentialLinkException.class).hasMessageContaining("base URL");
    assertThat(links.list(null)).isEmpty();
  }

  private JsonNode open(SharedLink shared) throws Exception {
    String key = URI.create(shared.url()).getFragment();
    LinkFetch fetch = links.take(shared.link().id());
    byte[] sealed = ((LinkFetch.Sealed) fetch).bytes();
    return new ObjectMapper().readTree(
        new LinkCipher(new SecureRandom()).open(LinkCipher.decodeKey(key), shared.link().id(), sealed));
  }
}
