package com.conobium.gardien.testhosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian mirror test hosts install from: the one this machine's own apt uses, read from its
 * sources (deb822 {@code .sources} files and the one-line {@code sources.list} format), so no
 * mirror host name is written in the code; {@code GARDIEN_TESTHOSTS_MIRROR} overrides it (and
 * {@code GARDIEN_TESTHOSTS_SECURITY_MIRROR} the security archive).
 *
 * @param archive the main archive, e.g. {@code http://mirror.example/debian}
 * @param security the security archive, e.g. {@code http://mirror.example/debian-security}
 */
record DebianMirror(String archive, String security) {
  static final String OVERRIDE = "GARDIEN_TESTHOSTS_MIRROR";
  static final String SECURITY_OVERRIDE = "GARDIEN_TESTHOSTS_SECURITY_MIRROR";

  /** This machine's mirror, or the overrides in {@code env}. */
  static DebianMirror of(Path aptDir, Map<String, String> env) {
    List<String> uris = uris(aptDir);
    String archive = nonBlank(env.get(OVERRIDE))
        .or(() -> uris.stream().filter(u -> !u.contains("security") && u.endsWith("/debian")).findFirst())
        .orElseThrow(() -> new TestHostException("no Debian archive in the apt sources of " + aptDir
            + " (sources.list, sources.list.d/*.sources or *.list): set " + OVERRIDE + "=http://MIRROR/debian"));
    String security = nonBlank(env.get(SECURITY_OVERRIDE))
        .or(() -> nonBlank(env.get(OVERRIDE)).map(a -> a + "-security"))
        .or(() -> uris.stream().filter(u -> u.endsWith("/debian-security")).findFirst())
        .orElse(archive + "-security");
    return new DebianMirror(strip(archive), strip(security));
  }

  /** The test hosts' {@code sources.list} for {@code suite} (e.g. trixie). */
  String sourcesList(String suite) {
    return "deb " + archive + " " + suite + " main\n"
        + "deb " + archive + " " + suite + "-updates main\n"
        + "deb " + security + " " + suite + "-security main\n";
  }

  /** Every archive URI of the apt sources under {@code aptDir}, in apt's reading order. */
  static List<String> uris(Path aptDir) {
    List<String> uris = new ArrayList<>();
    Path list = aptDir.resolve("sources.list");
    if (Files.isRegularFile(list)) {
      oneLine(list, uris);
    }
    Path dir = aptDir.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.endsWith(".sources")) {
            deb822(f, uris);
          } else if (name.endsWith(".list")) {
            oneLine(f, uris);
          }
        }
      } catch (IOException e) {
        throw new TestHostException("cannot read " + dir, e);
      }
    }
    return uris;
  }

  /** {@code deb [options] URI suite components}. */
  private static void oneLine(Path file, List<String> uris) {
    for (String line : lines(file)) {
      String l = line.strip();
      if (!l.startsWith("deb ")) {
        continue;
      }
      String rest = l.substring(4).strip();
      if (rest.startsWith("[")) {
        int end = rest.indexOf(']');
        rest = end < 0 ? "" : rest.substring(end + 1).strip();
      }
      String[] words = rest.split("\\s+");
      if (words.length > 0 && words[0].startsWith("http")) {
        uris.add(strip(words[0]));
      }
    }
  }

  /** deb822 stanzas: {@code Types: deb} with {@code URIs:}, skipping {@code Enabled: no}. */
  private static void deb822(Path file, List<String> uris) {
    List<String> stanza = new ArrayList<>();
    for (String line : lines(file)) {
      if (line.isBlank()) {
        stanza(stanza, uris);
        stanza.clear();
      } else if (!line.startsWith("#")) {
        stanza.add(line);
      }
    }
    stanza(stanza, uris);
  }

  private static void stanza(List<String> lines, List<String> uris) {
    String types = field(lines, "Types");
    String enabled = field(lines, "Enabled");
    String found = field(lines, "URIs");
    if (types == null || !List.of(types.split("\\s+")).contains("deb") || found == null
        || "no".equalsIgnoreCase(enabled)) {
      return;
    }
    for (String uri : found.split("\\s+")) {
      if (uri.startsWith("http")) {
        uris.add(strip(uri));
      }
    }
  }

  private static String field(List<String> lines, String name) {
    return lines.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse(null);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new TestHostException("cannot read " + file, e);
    }
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(strip(s.strip()));
  }

  private static String strip(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
