package com.conobium.gardien.reconciler.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkStoreTest {
  static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
  static final byte[] SEALED = {'G', 'C', 'L', '1', 1, 2, 3};

  @TempDir Path home;
  final MutableClock clock = new MutableClock(NOW);

  LinkStore store() {
    return new LinkStore(home.resolve("links"), new SecureRandom(), clock);
  }

  CredentialLink save(LinkStore store, String server, Duration ttl) {
    return store.save(store.newId(), server, List.of("root-password"), ttl, SEALED);
  }

  @Test
  void aLinkHandsOutItsCiphertextOnceThenIsGone() {
    LinkStore store = store();
    CredentialLink link = save(store, "web1", Duration.ofHours(72));

    LinkFetch first = store().take(link.id());
    LinkFetch second = store().take(link.id());

    assertThat(first).isInstanceOf(LinkFetch.Sealed.class);
    assertThat(((LinkFetch.Sealed) first).bytes()).isEqualTo(SEALED);
    assertThat(((LinkFetch.Sealed) first).link().viewed()).isEqualTo(NOW);
    assertThat(second).isInstanceOf(LinkFetch.Gone.class);
    assertThat(store.list("web1")).singleElement().satisfies(l -> {
      assertThat(l.viewed()).isEqualTo(NOW);
      assertThat(l.active(NOW)).isFalse();
    });
  }

  @Test
  void theViewedTombstoneKeepsNoCiphertext() throws Exception {
    LinkStore store = store();
    CredentialLink link = save(store, "web1", Duration.ofHours(1));
    assertThat(Files.readString(store.file(link.id()))).contains("\"ciphertext\":\"R0NMMQECAw==\"");

    store.take(link.id());

    assertThat(Files.readString(store.file(link.id()))).contains("\"ciphertext\":null").contains("\"viewed\"");
    try (var files = Files.list(home.resolve("links"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(link.id() + ".json");
    }
  }

  @Test
  void anExpiredLinkIsGoneAndDeleted() {
    LinkStore store = store();
    CredentialLink link = save(store, "web1", Duration.ofHours(72));
    clock.advance(Duration.ofHours(71).plusMinutes(59));
    assertThat(store.list("web1").get(0).active(clock.instant())).isTrue();

    clock.advance(Duration.ofMinutes(1));

    assertThat(store.take(link.id())).isInstanceOf(LinkFetch.Gone.class);
    assertThat(Files.exists(store.file(link.id()))).isFalse();
    assertThat(store.take(link.id())).isInstanceOf(LinkFetch.Unknown.class);
  }

  @Test
  void wrongOrMalformedIdsAreUnknownAndTouchNoFile() throws Exception {
    LinkStore store = store();
    CredentialLink link = save(store, "web1", Duration.ofHours(1));
    Files.writeString(home.resolve("outside.json"), "{}");

    assertThat(store.take(store.newId())).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.take("../outside")).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.take(link.id() + "x")).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.take(link.id().substring(1))).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.take(null)).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.remove("../outside")).isFalse();
    assertThat(Files.exists(home.resolve("outside.json"))).isTrue();
    assertThat(store.take(link.id())).as("the real link is untouched").isInstanceOf(LinkFetch.Sealed.class);
  }

  @Test
  void revokeDeletesTheServersOpenLinksExceptTheOneToKeep() {
    LinkStore store = store();
    CredentialLink old1 = save(store, "web1", Duration.ofHours(1));
    CredentialLink viewed = save(store, "web1", Duration.ofHours(1));
    store.take(viewed.id());
    CredentialLink other = save(store, "web2", Duration.ofHours(1));
    CredentialLink newest = save(store, "web1", Duration.ofHours(1));

    List<CredentialLink> revoked = store.revoke("web1", newest.id());

    assertThat(revoked).extracting(CredentialLink::id).containsExactly(old1.id());
    assertThat(store.take(old1.id())).isInstanceOf(LinkFetch.Unknown.class);
    assertThat(store.take(other.id())).isInstanceOf(LinkFetch.Sealed.class);
    assertThat(store.take(newest.id())).isInstanceOf(LinkFetch.Sealed.class);
    assertThat(store.revoke("web1", null)).isEmpty();
  }

  @Test
  void purgeDeletesExpiredLinksAndOldTombstones() {
    LinkStore store = store();
    CredentialLink shortLived = save(store, "web1", Duration.ofMinutes(5));
    CredentialLink viewed = save(store, "web1", Duration.ofMinutes(5));
    store.take(viewed.id());
    CredentialLink longLived = save(store, "web1", Duration.ofHours(2));

    assertThat(store.purge()).isZero();
    clock.advance(Duration.ofMinutes(5));

    assertThat(store.purge()).isEqualTo(2);
    assertThat(store.list(null)).extracting(CredentialLink::id).containsExactly(longLived.id());
    assertThat(store.take(shortLived.id())).isInstanceOf(LinkFetch.Unknown.class);
  }

  @Test
  void purgeDeletesClaimsLeftByAStoppedProcessButNotFreshOnes() throws Exception {
    LinkStore store = store();
    save(store, "web1", Duration.ofHours(1));
    Path stale = home.resolve("links/.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.taken");
    Path fresh = home.resolve("links/.CCCCCCCCCCCCCCCCCCCCCC.DDDDDDDDDDDDDDDDDDDDDD.taken");
    Files.writeString(stale, "{}");
    Files.writeString(fresh, "{}");
    Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    store.purge();

    assertThat(Files.exists(stale)).isFalse();
    assertThat(Files.exists(fresh)).isTrue();
  }

  @Test
  void filesAreOwnerOnly() throws Exception {
    LinkStore store = store();
    CredentialLink link = save(store, "web1", Duration.ofHours(1));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("links")))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file(link.id())))).isEqualTo("rw-------");
    store.take(link.id());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file(link.id())))).isEqualTo("rw-------");
  }

  @Test
  void concurrentTakersGetTheCiphertextOnlyOnce() throws Exception {
    CredentialLink link = save(store(), "web1", Duration.ofHours(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<LinkFetch>> fetches = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        LinkStore separate = store(); // one store each, as separate processes would have
        fetches.add(pool.submit(() -> separate.take(link.id())));
      }
      int sealed = 0;
      for (Future<LinkFetch> f : fetches) {
        sealed += f.get() instanceof LinkFetch.Sealed ? 1 : 0;
      }
      assertThat(sealed).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
