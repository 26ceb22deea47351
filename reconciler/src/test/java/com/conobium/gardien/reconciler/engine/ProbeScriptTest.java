package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-exec probe script, run by the real shell. */
class ProbeScriptTest {
  final LocalShellHost sh = new LocalShellHost();

  @Test
  void eachModuleGetsItsOwnOutputAndExitStatus() throws Exception {
    ProbeScript script = new ProbeScript("c0ffee");
    String text = script.compose(List.of(
        new ProbeScript.Probe("one", "printf '{\"a\":1}'"),
        new ProbeScript.Probe("two", "echo '[1,'; echo '2]'; exit 4"),
        new ProbeScript.Probe("three", "jstr \"$(printf 'q\"uo\\\\te\\ttab')\"")));

    var result = sh.exec(text, null, Duration.ofSeconds(10));
    var sections = script.parse(result.stdout());

    assertThat(sections.keySet()).containsExactly("one", "two", "three");
    assertThat(sections.get("one").output()).isEqualTo("{\"a\":1}");
    assertThat(sections.get("one").exitStatus()).isZero();
    assertThat(sections.get("two").output()).isEqualTo("[1,\n2]\n");
    assertThat(sections.get("two").exitStatus()).isEqualTo(4);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sections.get("three").output()).asText())
        .isEqualTo("q\"uo\\te\ttab");
  }

  @Test
  void markersWithAnotherNonceAreJustOutput() {
    ProbeScript script = new ProbeScript("abc");
    String out = "\n@@gardien:abc:begin:m\n@@gardien:fff:end:m:0\nx\n@@gardien:abc:end:m:0\n";
    assertThat(script.parse(out).get("m").output()).isEqualTo("@@gardien:fff:end:m:0\nx");
  }

  @Test
  void aSectionCutShortIsAbsent() {
    ProbeScript script = new ProbeScript("abc");
    String out = "\n@@gardien:abc:begin:m\n{\"partial\":\n";
    assertThat(script.parse(out)).isEmpty();
  }

  /**
   * They run side by side, and come back in their order: the first waits (up to 5 s) for a file
   * that only the second makes, which it would never see if they ran one after the other.
   */
  @Test
  void probesRunSideBySideAndComeBackInTheirOrder() throws Exception {
    ProbeScript script = new ProbeScript("abc");
    String flag = "\"$gardien_flag/second-started\"";
    String text = "gardien_flag=$(mktemp -d) && export gardien_flag\n" + script.compose(List.of(
        new ProbeScript.Probe("first", "i=0; while [ ! -e " + flag + " ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
            + "if [ -e " + flag + " ]; then echo saw-second; else echo alone; fi"),
        new ProbeScript.Probe("second", ": > " + flag + "; echo second"),
        new ProbeScript.Probe("third", "echo third"))) + "rm -rf \"$gardien_flag\"\n";
    var result = sh.exec(text, null, Duration.ofSeconds(20));
    var sections = script.parse(result.stdout());
    assertThat(sections.keySet()).containsExactly("first", "second", "third");
    assertThat(sections.get("first").output()).isEqualTo("saw-second\n");
    assertThat(sections.get("third").output()).isEqualTo("third\n");
  }

  @Test
  void itsTemporaryFilesAreGoneAfterwards() throws Exception {
    ProbeScript script = new ProbeScript("abc");
    String text = "TMPDIR=$(mktemp -d) && export TMPDIR && (\n"
        + script.compose(List.of(new ProbeScript.Probe("m", "echo x"))) + "\n) && ls -A \"$TMPDIR\" | wc -l";
    var result = sh.exec(text, null, Duration.ofSeconds(10));
    assertThat(result.stdout().strip()).endsWith("\n0");
  }

  @Test
  void probesCannotReadTheScriptsStandardInput() throws Exception {
    ProbeScript script = new ProbeScript("abc");
    String text = script.compose(List.of(new ProbeScript.Probe("m", "cat; echo done")));
    var result = sh.exec(text, "secret input", Duration.ofSeconds(10));
    assertThat(script.parse(result.stdout()).get("m").output()).isEqualTo("done\n");
  }
}
