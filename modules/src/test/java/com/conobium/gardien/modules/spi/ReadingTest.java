package com.conobium.gardien.modules.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reading names a valid metric and labels of its own, so the daemon can export it as it is. */
class ReadingTest {
  @Test
  void aValidReadingKeepsItsLabelsSortedByName() {
    Reading r = new Reading("certificate_expiry_timestamp_seconds", "when", Map.of("site", "shop", "kind", "acme"), 5);

    assertThat(r.labels().keySet()).containsExactlyInAnyOrder("kind", "site");
    assertThat(r.value()).isEqualTo(5);
  }

  @Test
  void namesThatAreNoMetricNamesAreRefused() {
    assertThatThrownBy(() -> Reading.of("Backup-Age", "when", 1)).hasMessageContaining("Backup-Age");
    assertThatThrownBy(() -> Reading.of("gardien age", "when", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Reading.of("backups_total", "how many", 1)).hasMessageContaining("gauge");
  }

  @Test
  void theServerLabelIsTheDaemonsAndAHelpTextIsNeeded() {
    assertThatThrownBy(() -> new Reading("x", "h", Map.of("server", "web1"), 1)).hasMessageContaining("server");
    assertThatThrownBy(() -> new Reading("x", "h", Map.of("Site", "a"), 1)).hasMessageContaining("Site");
    assertThatThrownBy(() -> Reading.of("x", " ", 1)).hasMessageContaining("help");
  }
}
