package com.conobium.gardien.modules.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FileFactsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Step.PutFile FILE = Step.PutFile.of("/etc/x", "hello\n");

  @Test
  void parsesAnExistingFile() throws Exception {
    FileFacts facts =
        FileFacts.parse(
            JSON.readTree(
                "{\"exists\":true,\"sha256\":\"abc\",\"mode\":\"644\",\"owner\":\"root\",\"group\":\"adm\"}"));

    assertThat(facts).isEqualTo(new FileFacts(true, "abc", "644", "root", "adm"));
    assertThat(facts.attributes()).isEqualTo("0644 root:adm");
  }

  @Test
  void parsesAnAbsentFile() throws Exception {
    assertThat(FileFacts.parse(JSON.readTree("{\"exists\":false}"))).isEqualTo(FileFacts.absent());
  }

  @Test
  void rejectsAnythingElse() {
    assertThatThrownBy(() -> FileFacts.parse(JSON.readTree("\"nope\"")))
        .isInstanceOf(FactsException.class);
    assertThatThrownBy(() -> FileFacts.parse(null)).isInstanceOf(FactsException.class);
  }

  @Test
  void sha256IsWhatSha256sumPrints() {
    // printf 'hello\n' | sha256sum
    assertThat(FileFacts.sha256Hex("hello\n"))
        .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  }

  @Test
  void matchesOnlyWithSameContentAndAttributes() {
    FileFacts written = FileFacts.written(FILE);

    assertThat(written.matches(FILE)).isTrue();
    assertThat(written.matches(Step.PutFile.of("/etc/x", "other\n"))).isFalse();
    assertThat(new FileFacts(true, written.sha256(), "600", "root", "root").matches(FILE)).isFalse();
    assertThat(new FileFacts(true, written.sha256(), "644", "www-data", "root").matches(FILE))
        .isFalse();
    assertThat(new FileFacts(true, written.sha256(), "644", "root", "adm").matches(FILE)).isFalse();
    assertThat(FileFacts.absent().matches(FILE)).isFalse();
  }

  @Test
  void modesWithAndWithoutLeadingZeroAreTheSame() {
    assertThat(new FileFacts(true, FileFacts.sha256Hex("hello\n"), "644", "root", "root").matches(FILE))
        .isTrue();
    assertThat(FileFacts.attributesOf(FILE)).isEqualTo("0644 root:root");
  }
}
