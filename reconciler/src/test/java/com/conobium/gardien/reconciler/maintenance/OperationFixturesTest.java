package com.conobium.gardien.reconciler.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.conobium.gardien.modules.spi.Expectations;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each maintenance operation's judgement on fixtures, pyinfra style: a file under
 * {@code src/test/resources/maintenance/} holds what the server printed (or nmap's report), the
 * context in header lines ({@code # units:}, {@code # ports:}, {@code # jails:}, {@code # since:},
 * {@code # now:}, {@code # zone:}, {@code # disk:}, {@code # dryRun:}, {@code # keep:}), and what
 * the result must be ({@code # verdict:}, {@code # reason:} a part of the reason, {@code # detail:
 * /json/pointer = value}). A new case is a new file.
 */
class OperationFixturesTest {
  private static final Map<String, RemoteOperation> OPERATIONS = new HashMap<>();

  static {
    for (RemoteOperation op : List.of(new Upgrades(), new Purge(), new Raid(), new Smart(), new DiskSpace(),
        new Fail2banCheck(), new Services(), new ErrorLogs(), new Backups())) {
      OPERATIONS.put(op.name(), op);
    }
  }

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path dir = Path.of(OperationFixturesTest.class.getResource("/maintenance").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void judgesTheFixtureAsItSays(String name) throws Exception {
    String text = Files.readString(Path.of(OperationFixturesTest.class.getResource("/maintenance/" + name).toURI()));
    int cut = text.indexOf("\n---\n");
    assertThat(cut).as("header and output separated by ---").isPositive();
    Map<String, List<String>> header = new TreeMap<>();
    for (String line : text.substring(0, cut).lines().toList()) {
      if (line.startsWith("# ") && line.contains(": ")) {
        int colon = line.indexOf(": ");
        header.computeIfAbsent(line.substring(2, colon), k -> new ArrayList<>()).add(line.substring(colon + 2).strip());
      }
    }
    String output = text.substring(cut + 5);
    MaintenanceContext context = context(header);
    String operation = one(header, "operation", null);
    OperationResult result = operation.equals(PortScan.NAME)
        ? PortScan.judge(new PortScan.Scan(output, one(header, "scope", "tcp 1-65535, udp 53"), null), context)
        : OPERATIONS.get(operation).judge(output, context);
    assertThat(result.operation()).isEqualTo(operation);
    assertThat(result.verdict().label()).as("%s: %s %s", name, result.reason(), result.details())
        .isEqualTo(one(header, "verdict", null));
    for (String part : header.getOrDefault("reason", List.of())) {
      assertThat(result.reason()).as(name).contains(part);
    }
    for (String detail : header.getOrDefault("detail", List.of())) {
      String[] pv = detail.split(" = ", 2);
      JsonNode node = result.details().at(pv[0]);
      assertThat(node.isMissingNode()).as("%s: %s in %s", name, pv[0], result.details()).isFalse();
      assertThat(node.isValueNode() ? node.asText() : node.toString()).as("%s: %s", name, pv[0]).isEqualTo(pv[1]);
    }
  }

  private static MaintenanceContext context(Map<String, List<String>> h) {
    Map<String, Integer> jails = new HashMap<>();
    for (String j : words(one(h, "jails", ""))) {
      String[] nr = j.split(":");
      jails.put(nr[0], Integer.parseInt(nr[1]));
    }
    Map<String, Integer> disk = new HashMap<>();
    for (String d : words(one(h, "disk", ""))) {
      String[] mp = d.split("=");
      disk.put(mp[0], Integer.parseInt(mp[1]));
    }
    return new MaintenanceContext("web1", "198.18.7.2", ZoneId.of(one(h, "zone", "Etc/UTC")),
        new Expectations(Set.copyOf(words(one(h, "units", ""))), Set.copyOf(words(one(h, "ports", ""))), jails),
        Set.copyOf(words(one(h, "keep", ""))), Instant.parse(one(h, "since", "2026-11-01T03:00:00Z")),
        Instant.parse(one(h, "now", "2026-12-06T03:00:00Z")), 80, 90, disk,
        Boolean.parseBoolean(one(h, "dryRun", "false")));
  }

  private static String one(Map<String, List<String>> header, String key, String fallback) {
    List<String> values = header.get(key);
    if (values == null) {
      if (fallback == null) {
        throw new UncheckedIOException(new IOException("fixture without # " + key + ":"));
      }
      return fallback;
    }
    return values.get(0);
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
  }
}
