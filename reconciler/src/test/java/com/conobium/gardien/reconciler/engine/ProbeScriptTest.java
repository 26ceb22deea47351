package com.conobium.gardien.reconciler.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.FileFacts;
import com.conobium.gardien.modules.spi.ProbeShell;
import com.conobium.gardien.modules.spi.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /**
   * The files probes ask about are read at the end, all at once, and each probe gets the same facts
   * as if it had read its files itself: a regular file, a directory, a missing file, names with
   * spaces, a colon, two spaces, a backslash (which sha256sum prints escaped) and a line break.
   */
  @Test
  void filesOfAllProbesAreReadOnceWithTheFactsEachWouldHaveRead(@TempDir Path dir) throws Exception {
    List<Path> paths = List.of(dir.resolve("plain.conf"), dir.resolve("with space:colon  two"),
        dir.resolve("back\\slash"), dir.resolve("line\nbreak"), dir.resolve("sub"), dir.resolve("missing"));
    for (Path p : paths.subList(0, 4)) {
      Files.writeString(p, "content of " + p.getFileName() + "\n");
    }
    Files.createDirectory(dir.resolve("sub"));
    String jfiles = paths.stream().map(p -> "jfile " + Shell.quote(p.toString()))
        .collect(java.util.stream.Collectors.joining("; printf ,; "));
    String probe = "printf '['; " + jfiles + "; printf ']'";
    ProbeScript script = new ProbeScript("abc");

    var sections = script.parse(sh.exec(script.compose(List.of(new ProbeScript.Probe("one", probe),
        new ProbeScript.Probe("two", "echo no files"), new ProbeScript.Probe("three", probe))), null,
        Duration.ofSeconds(10)).stdout());
    String alone = sh.exec(ProbeShell.PRELUDE + "\n" + probe, null, Duration.ofSeconds(10)).stdout();

    assertThat(sections.get("one").output()).isEqualTo(alone).contains("\"exists\":false").doesNotContain("@@");
    assertThat(sections.get("three").output()).isEqualTo(alone);
    assertThat(sections.get("two").output()).isEqualTo("no files\n");
  }

  /** Two probes of eight files each: one sha256sum and one stat in all (counted by stand-ins on the PATH). */
  @Test
  void eightFilesInEachOfTwoProbesTakeOneSha256sumAndOneStat(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path calls = dir.resolve("calls");
    for (String tool : List.of("sha256sum", "stat")) {
      Path standIn = bin.resolve(tool);
      Files.writeString(standIn, "#!/bin/sh\necho " + tool + " >> " + Shell.quote(calls.toString())
          + "\nexec /usr/bin/" + tool + " \"$@\"\n");
      standIn.toFile().setExecutable(true);
    }
    StringBuilder probe = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      Path f = Files.writeString(dir.resolve("f" + i), "file " + i);
      probe.append("jfile ").append(Shell.quote(f.toString())).append("; ");
    }
    ProbeScript script = new ProbeScript("abc");
    String text = "PATH=" + Shell.quote(bin.toString()) + ":$PATH\n"
        + script.compose(List.of(new ProbeScript.Probe("one", probe.toString()), new ProbeScript.Probe("two", probe.toString())));

    var sections = script.parse(sh.exec(text, null, Duration.ofSeconds(10)).stdout());

    assertThat(sections.get("one").output()).contains(FileFacts.sha256Hex("file 7")).doesNotContain("@@");
    assertThat(Files.readAllLines(calls)).containsExactlyInAnyOrder("sha256sum", "stat");
  }

  /** A marker of another nonce (a file's content that looks like one) is printed as it is. */
  @Test
  void aMarkerOfAnotherNonceIsLeftAsItIs(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("f"), "x");
    ProbeScript script = new ProbeScript("abc");
    String probe = "printf '@@fff:0:1@@ '; jfile " + Shell.quote(f.toString());

    var sections = script.parse(sh.exec(script.compose(List.of(new ProbeScript.Probe("one", probe))), null,
        Duration.ofSeconds(10)).stdout());

    assertThat(sections.get("one").output()).startsWith("@@fff:0:1@@ {\"exists\":true,\"sha256\":\"" + FileFacts.sha256Hex("x"));
  }
}
