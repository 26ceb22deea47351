package com.conobium.gardien.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.conobium.gardien.model.InvalidConfigException;
import com.conobium.gardien.model.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code invalid/} is a broken config repository (laid over the small valid
 * repository in {@code base/}) with the exact problems it must produce in {@code expected.txt}:
 * {@code FILE[:LINE[:COLUMN]] | FIELD | message fragment}, one per problem, in report order.
 */
class InvalidManifestsTest {
  @TempDir Path repo;

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(resource("invalid"))) {
      return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedProblems(String name) throws Exception {
    Path dir = resource("invalid").resolve(name);
    copy(resource("base"), repo);
    Path removals = dir.resolve("remove-from-base.txt");
    if (Files.exists(removals)) {
      for (String f : Files.readAllLines(removals)) {
        Files.delete(repo.resolve(f));
      }
    }
    copy(dir, repo);

    InvalidConfigException e =
        catchThrowableOfType(InvalidConfigException.class, () -> new ConfigRepoLoader().load(repo));

    assertThat(e).as("the repository must be refused").isNotNull();
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    List<Problem> problems = e.problems();
    assertThat(problems).as("problems: %s", problems).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      String[] parts = expected.get(i).split("\\|", 3);
      String[] where = parts[0].trim().split(":");
      Problem p = problems.get(i);
      assertThat(p.file().toString()).as("file of %s", p).isEqualTo(where[0]);
      if (where.length > 1) {
        assertThat(p.line()).as("line of %s", p).isEqualTo(Integer.parseInt(where[1]));
      }
      if (where.length > 2) {
        assertThat(p.column()).as("column of %s", p).isEqualTo(Integer.parseInt(where[2]));
      }
      assertThat(p.field()).as("field of %s", p).isEqualTo(parts[1].trim());
      assertThat(p.message()).as("message of %s", p).contains(parts[2].trim());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String rel = from.relativize(f).toString();
        if (rel.equals("expected.txt") || rel.equals("remove-from-base.txt")) {
          continue;
        }
        Path target = to.resolve(rel);
        Files.createDirectories(target.getParent());
        Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(InvalidManifestsTest.class.getClassLoader().getResource(name).toURI());
  }
}
