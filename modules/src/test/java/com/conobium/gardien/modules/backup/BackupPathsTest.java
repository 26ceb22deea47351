package com.conobium.gardien.modules.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPathsTest {
  @Test
  void sitesUnderAListedPathAreNotListedTwice() {
    assertThat(BackupPaths.of(List.of("/etc", "/srv/www"), List.of("shop", "blog")))
        .containsExactly("/etc", "/srv/www");
  }

  @Test
  void sitesAreAddedWhenTheirParentIsNotListed() {
    assertThat(BackupPaths.of(List.of("/etc/", "/home"), List.of("shop")))
        .containsExactly("/etc", "/home", "/srv/www/shop");
  }

  @Test
  void nestedPathsCollapseIntoTheirParentButLookAlikesStay() {
    assertThat(BackupPaths.of(List.of("/var/lib/app/data", "/var/lib/app", "/var/lib/app-two"), List.of()))
        .containsExactly("/var/lib/app", "/var/lib/app-two");
    assertThat(BackupPaths.of(List.of("/", "/etc"), List.of("shop"))).containsExactly("/");
  }
}
