package com.conobium.gardien.modules.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellTest {
  @Test
  void quotesEveryCharacterLiterally() throws Exception {
    String nasty = "it's $HOME `id` \"q\" \\ ; rm -rf /";

    assertThat(ProbeRunner.runRaw("printf '%s' " + Shell.quote(nasty))).isEqualTo(nasty);
  }

  @Test
  void quotesAllAsSeparateWords() throws Exception {
    assertThat(ProbeRunner.runRaw("for w in " + Shell.quoteAll(List.of("a b", "c'd")) + "; do printf '<%s>' \"$w\"; done"))
        .isEqualTo("<a b><c'd>");
  }
}
