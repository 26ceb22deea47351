package com.conobium.gardien.modules.packages;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.FileFacts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the packages probe found.
 *
 * @param installed packages dpkg reports installed (status {@code i}, whatever the selection: a
 *     held package {@code hi} is installed), without architecture qualifiers
 * @param configFilesOnly packages removed but not purged (status {@code c}), e.g. {@code rc}
 * @param listsAge how long ago the apt lists were last fetched; empty when never
 * @param proxyFile Gardien's apt proxy file
 * @param proxyContent that file's content, for display only (comparison uses the hash)
 */
public record PackagesFacts(
    Set<String> installed,
    Set<String> configFilesOnly,
    Optional<Duration> listsAge,
    FileFacts proxyFile,
    String proxyContent) {

  public PackagesFacts {
    installed = Set.copyOf(installed);
    configFilesOnly = Set.copyOf(configFilesOnly);
  }

  /** Parses the probe's JSON. */
  public static PackagesFacts parse(JsonNode json) throws FactsException {
    JsonNode packages = json == null ? null : json.get("packages");
    if (packages == null || !packages.isArray()) {
      throw new FactsException("packages probe: expected an array \"packages\", got " + json);
    }
    Set<String> installed = new TreeSet<>();
    Set<String> configFilesOnly = new TreeSet<>();
    for (JsonNode line : packages) {
      String[] fields = line.asText().split(" ", 2);
      if (fields.length != 2 || fields[0].isEmpty() || fields[1].length() < 2) {
        throw new FactsException("packages probe: unexpected dpkg-query line: " + line);
      }
      String name = withoutArchitecture(fields[0]);
      switch (fields[1].charAt(1)) {
        case 'i' -> installed.add(name);
        case 'c' -> configFilesOnly.add(name);
        default -> {
          // not installed, half-installed, unpacked...: not installed for our purposes
        }
      }
    }
    configFilesOnly.removeAll(installed);
    JsonNode age = json.path("listsAgeSeconds");
    if (!age.isNull() && !age.isIntegralNumber()) {
      throw new FactsException("packages probe: listsAgeSeconds is not a number: " + age);
    }
    return new PackagesFacts(
        installed,
        configFilesOnly,
        age.isNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(age.longValue())),
        FileFacts.parse(json.get("proxyFile")),
        json.path("proxyContent").asText(""));
  }

  /** {@code libc6:amd64} is {@code libc6}. */
  private static String withoutArchitecture(String name) {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }
}
