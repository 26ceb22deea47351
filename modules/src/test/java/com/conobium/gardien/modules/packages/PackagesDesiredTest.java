package com.conobium.gardien.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conobium.gardien.model.ManifestDuration;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackagesDesiredTest {
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void listsAreSortedWithoutDuplicates() {
    PackagesDesired d =
        new PackagesDesired(List.of("bb", "a1", "bb"), List.of("z9", "y9", "z9"), Optional.empty(), DAY);

    assertThat(d.install()).containsExactly("a1", "bb");
    assertThat(d.remove()).containsExactly("y9", "z9");
  }

  @Test
  void aPackageToInstallIsNeverPurged() {
    PackagesDesired d =
        new PackagesDesired(List.of("chrony"), List.of("chrony", "telnet"), Optional.empty(), DAY);

    assertThat(d.remove()).containsExactly("telnet");
  }

  @Test
  void blankProxyIsNoProxy() {
    assertThat(new PackagesDesired(List.of(), List.of(), Optional.of(" "), DAY).aptProxy()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nginx", "-rf", "a", "foo bar", "x;reboot", "pkg'"})
  void rejectsWhatIsNotAPackageName(String name) {
    assertThatThrownBy(() -> new PackagesDesired(List.of(name), List.of(), Optional.empty(), DAY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PackagesDesired(List.of(), List.of(name), Optional.empty(), DAY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"libstdc++6", "php8.4-fpm", "g++", "0ad"})
  void acceptsDebianPackageNames(String name) {
    assertThat(new PackagesDesired(List.of(name), List.of(), Optional.empty(), DAY).install())
        .containsExactly(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://a\"b", "http://a b", "http://x;}", "http://a\nb"})
  void rejectsAProxyThatWouldBreakAptConf(String url) {
    assertThatThrownBy(() -> new PackagesDesired(List.of(), List.of(), Optional.of(url), DAY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsAProxyUrl() {
    assertThat(
            new PackagesDesired(List.of(), List.of(), Optional.of("http://user:pw@proxy.lan:3142/"), DAY)
                .aptProxy())
        .contains("http://user:pw@proxy.lan:3142/");
  }

  @Test
  void durationsReadAsManifestsWriteThem() {
    assertThat(ManifestDuration.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(ManifestDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(ManifestDuration.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ManifestDuration.parse("1d12h")).isEqualTo(Duration.ofHours(36));
    assertThat(ManifestDuration.parse("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(ManifestDuration.parse("0s")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "24", "h", "1.5h", "24 h", "-1h", "1y"})
  void rejectsOtherDurations(String text) {
    assertThatThrownBy(() -> ManifestDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
