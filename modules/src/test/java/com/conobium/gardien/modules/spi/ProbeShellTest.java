package com.conobium.gardien.modules.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeShellTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "double \" quote",
        "single ' quote",
        "back\\slash and \\\\ two and \\n not a newline",
        "tab\there",
        "carriage\rreturn",
        "line one\nline two",
        "trailing newline\n",
        "\n\nleading newlines",
        "escape \u001b[31m red",
        "bell \u0007 and unit separator \u001f",
        "dollar $HOME and `backticks` and $(date)",
        "ünïcödé ✓ 日本",
        "percent %s %d %%"
      })
  void jstrRoundTripsThroughJackson(String nasty) throws Exception {
    JsonNode printed = ProbeRunner.run("jstr " + Shell.quote(nasty));

    assertThat(printed.isTextual()).isTrue();
    assertThat(printed.textValue()).isEqualTo(nasty);
  }

  @Test
  void jlinesPrintsEveryLineAsOneString() throws Exception {
    List<String> lines =
        List.of("a\tb", "\"quoted\"", "back\\slash", "", "ctrl \u0001", "libc6:amd64\tii ");
    String input = String.join("\n", lines) + "\n";

    JsonNode printed = ProbeRunner.run("printf '%s' " + Shell.quote(input) + " | jlines");

    List<String> parsed = new ArrayList<>();
    printed.forEach(n -> parsed.add(n.textValue()));
    assertThat(parsed).containsExactlyElementsOf(lines);
  }

  @Test
  void jlinesOfNothingIsAnEmptyArray() throws Exception {
    assertThat(ProbeRunner.run(": | jlines").isArray()).isTrue();
    assertThat(ProbeRunner.run(": | jlines")).isEmpty();
  }

  @Test
  void jlinesKeepsALastLineWithoutNewline() throws Exception {
    JsonNode printed = ProbeRunner.run("printf 'one\\ntwo' | jlines");

    assertThat(printed).hasSize(2);
    assertThat(printed.get(1).textValue()).isEqualTo("two");
  }

  @Test
  void jintPrintsNumbersOrNull() throws Exception {
    JsonNode printed =
        ProbeRunner.run(
            "printf '['; jint 42; printf ,; jint 007; printf ,; jint 0; printf ,; jint ''; printf ,;"
                + " jint -3; printf ,; jint 12abc; printf ']'");

    assertThat(printed.toString()).isEqualTo("[42,7,0,null,null,null]");
  }

  @Test
  void jboolReportsTheCommandsSuccess() throws Exception {
    JsonNode printed = ProbeRunner.run("printf '['; jbool true; printf ,; jbool false; printf ']'");

    assertThat(printed.toString()).isEqualTo("[true,false]");
  }

  @Test
  void jfileOfAFileMatchesWhatWasWritten(@TempDir Path dir) throws Exception {
    String content = "server 0.debian.pool.ntp.org iburst\nünïcödé\n";
    Path file = dir.resolve("f");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
    String owner = Files.getOwner(file).getName();
    String group =
        Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class)
            .group()
            .getName();

    FileFacts facts = FileFacts.parse(ProbeRunner.run("jfile " + Shell.quote(file.toString())));

    Step.PutFile wanted = new Step.PutFile(file.toString(), content, "0640", owner, group, null);
    assertThat(facts.matches(wanted)).isTrue();
    assertThat(facts).isEqualTo(FileFacts.written(wanted));
  }

  @Test
  void jfileOfNothingIsAbsent(@TempDir Path dir) throws Exception {
    FileFacts facts = FileFacts.parse(ProbeRunner.run("jfile " + Shell.quote(dir + "/none")));

    assertThat(facts).isEqualTo(FileFacts.absent());
    assertThat(facts.matches(Step.PutFile.of(dir + "/none", ""))).isFalse();
  }

  @Test
  void jfileOfADirectoryNeverMatchesAFile(@TempDir Path dir) throws Exception {
    FileFacts facts = FileFacts.parse(ProbeRunner.run("jfile " + Shell.quote(dir.toString())));

    assertThat(facts.exists()).isTrue();
    assertThat(facts.contentMatches("")).isFalse();
  }

  @Test
  void preludeDefinesOnlyFunctionsAndPrintsNothing() throws Exception {
    assertThat(ProbeRunner.runRaw("")).isEmpty();
  }
}
