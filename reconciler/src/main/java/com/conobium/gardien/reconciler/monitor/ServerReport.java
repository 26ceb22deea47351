package com.conobium.gardien.reconciler.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a server says of itself when it answers SSH while a site fails, read by
 * {@link #SCRIPT} when an incident opens: the units down (failed, or enabled and not running),
 * the recent errors of the journal, nginx, PHP-FPM and MariaDB, full disks, memory and load.
 *
 * @param unitsDown the units down, each with its state, e.g. {@code nginx.service (inactive)}
 * @param details every section as text, for the alert and the incident record
 */
public record ServerReport(List<String> unitsDown, String details) {
  /** The read-only script that makes the report. */
  public static final String SCRIPT = load();

  public ServerReport {
    unitsDown = List.copyOf(unitsDown);
  }

  /** The report in the script's output. Pure. */
  public static ServerReport parse(String output) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("### ")) {
        current = sections.computeIfAbsent(line.substring(4).strip(), k -> new ArrayList<>());
      } else if (current != null && !line.isBlank()) {
        current.add(line.stripTrailing());
      }
    }
    List<String> down = sections.getOrDefault("units-down", List.of()).stream().distinct().toList();
    StringBuilder details = new StringBuilder();
    sections.forEach((name, lines) -> {
      if (!lines.isEmpty() && !name.equals("units-down")) {
        details.append(name).append(":\n");
        lines.forEach(l -> details.append("  ").append(l).append('\n'));
      }
    });
    return new ServerReport(down, details.toString());
  }

  /** One line for the diagnosis: the units down, or that none is. */
  public String summary() {
    return unitsDown.isEmpty() ? "no unit down" : "down: " + String.join(", ", unitsDown);
  }

  private static String load() {
    try (InputStream in = ServerReport.class.getResourceAsStream("server-report.sh")) {
      if (in == null) {
        throw new IllegalStateException("server-report.sh is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
