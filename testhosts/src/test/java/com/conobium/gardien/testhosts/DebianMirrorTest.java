package com.conobium.gardien.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror is read from the machine's apt sources, in both formats, with an override. */
class DebianMirrorTest {
  @TempDir Path apt;

  @Test
  void deb822SourcesGiveTheArchiveAndTheSecurityArchive() throws Exception {
    Files.createDirectories(apt.resolve("sources.list.d"));
    Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
        Types: deb
        # a comment
        URIs: http://mirror.example.net/debian/
        Suites: trixie trixie-updates
        Components: main

        Types: deb-src
        URIs: http://src.example.net/debian

        Types: deb
        URIs: http://mirror.example.net/debian-security
        Suites: trixie-security
        Components: main
        """);
    Files.writeString(apt.resolve("sources.list.d/off.sources"), """
        Types: deb
        Enabled: no
        URIs: http://disabled.example.net/debian
        """);

    DebianMirror mirror = DebianMirror.of(apt, Map.of());

    assertThat(mirror).isEqualTo(new DebianMirror("http://mirror.example.net/debian",
        "http://mirror.example.net/debian-security"));
    assertThat(mirror.sourcesList("trixie")).isEqualTo("""
        deb http://mirror.example.net/debian trixie main
        deb http://mirror.example.net/debian trixie-updates main
        deb http://mirror.example.net/debian-security trixie-security main
        """);
  }

  @Test
  void oneLineSourcesWithOptionsAndAnOverride() throws Exception {
    Files.writeString(apt.resolve("sources.list"), """
        # deb http://commented.example.net/debian trixie main
        deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://ftp.example.org/debian trixie main
        deb-src http://ftp.example.org/debian trixie main
        """);

    assertThat(DebianMirror.of(apt, Map.of())).isEqualTo(new DebianMirror("http://ftp.example.org/debian",
        "http://ftp.example.org/debian-security"));
    assertThat(DebianMirror.of(apt, Map.of(DebianMirror.OVERRIDE, "http://local.example/debian/")))
        .isEqualTo(new DebianMirror("http://local.example/debian", "http://local.example/debian-security"));
  }

  @Test
  void noSourcesIsAClearErrorNamingTheOverride() {
    assertThatThrownBy(() -> DebianMirror.of(apt, Map.of()))
        .isInstanceOf(TestHostException.class).hasMessageContaining("GARDIEN_TESTHOSTS_MIRROR");
  }

  @Test
  void thisMachinesOwnSourcesNameAMirror() {
    DebianMirror mirror = DebianMirror.of(Path.of("/etc/apt"), Map.of());
    assertThat(mirror.archive()).startsWith("http").endsWith("/debian");
  }
}
