package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code errorLogs}: the error-level lines written since the last maintenance — the journal's
 * ({@code journalctl -p err}), nginx's and each site's {@code error.log} (levels error to emerg),
 * PHP-FPM's (ERROR to EMERGENCY) and MariaDB's ({@code [ERROR]}) — grouped by message pattern
 * (numbers, addresses and quoted values blanked) with their counts; the ten most frequent are kept.
 * No error is ok; any is a warning, for an operator to read.
 */
final class ErrorLogs extends ScriptOperation {
  static final String NAME = "errorLogs";
  static final int TOP = 10;
  private static final Pattern JOURNAL = Pattern.compile("^(\\S+) \\S+ ([^:\\[]+)(?:\\[\\d+\\])?: (.*)$");
  private static final Pattern NGINX = Pattern.compile(
      "^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[(error|crit|alert|emerg)\\] (?:\\d+#\\d+: )?(?:\\*\\d+ )?(.*)$");
  private static final Pattern PHP = Pattern.compile(
      "^\\[(\\d{2}-[A-Za-z]{3}-\\d{4} \\d{2}:\\d{2}:\\d{2})\\] (ERROR|ALERT|EMERGENCY): (.*)$");
  private static final Pattern MARIADB = Pattern.compile(
      "^(\\d{4}-\\d{2}-\\d{2} +\\d{1,2}:\\d{2}:\\d{2}) \\d+ \\[ERROR\\] (.*)$");
  private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
  private static final DateTimeFormatter PHP_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);
  private static final DateTimeFormatter MARIADB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss");
  private static final DateTimeFormatter JOURNAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  ErrorLogs() {
    super(NAME, "errorlogs.sh");
  }

  @Override
  String variables(MaintenanceContext context) {
    return "SINCE=" + context.since().getEpochSecond() + "\n";
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    Map<String, Integer> tally = new HashMap<>();
    Map<String, String> sources = new HashMap<>();
    Map<String, String> examples = new HashMap<>();
    int total = 0;
    for (String line : s.text("journal").lines().toList()) {
      Matcher m = JOURNAL.matcher(line);
      if (m.matches() && inPeriod(journalTime(m.group(1)), context)) {
        total += count(m.group(2).strip() + ": " + m.group(3), "journal", tally, sources, examples);
      }
    }
    for (Map.Entry<String, String> file : s.withPrefix("file").entrySet()) {
      String source = file.getKey().replaceAll("\\.1$", "");
      for (String line : file.getValue().lines().toList()) {
        String message = null;
        Instant at = null;
        Matcher m;
        if ((m = NGINX.matcher(line)).matches()) {
          at = local(m.group(1), NGINX_TIME, context);
          message = "[" + m.group(2) + "] " + m.group(3);
        } else if ((m = PHP.matcher(line)).matches()) {
          at = local(m.group(1), PHP_TIME, context);
          message = m.group(2) + ": " + m.group(3);
        } else if ((m = MARIADB.matcher(line)).matches()) {
          at = local(m.group(1).replaceAll(" +", " "), MARIADB_TIME, context);
          message = "[ERROR] " + m.group(2);
        }
        if (message != null && inPeriod(at, context)) {
          total += count(message, source, tally, sources, examples);
        }
      }
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("errors", total);
    details.put("patterns", tally.size());
    ArrayNode top = details.putArray("top");
    tally.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .forEach(e -> {
          ObjectNode o = top.addObject();
          o.put("count", e.getValue());
          o.put("source", sources.get(e.getKey()));
          o.put("pattern", e.getKey());
          o.put("example", examples.get(e.getKey()));
        });
    if (total == 0) {
      return OperationResult.ok(NAME, "no error logged since the last maintenance", details);
    }
    return OperationResult.warning(NAME, total + " error(s) logged since the last maintenance, " + tally.size()
        + " kind(s); the most frequent: " + top.path(0).path("pattern").asText() + " (" + top.path(0).path("count").asInt()
        + ")", details);
  }

  private static int count(String message, String source, Map<String, Integer> tally, Map<String, String> sources,
      Map<String, String> examples) {
    String pattern = source + " | " + pattern(message);
    tally.merge(pattern, 1, Integer::sum);
    sources.putIfAbsent(pattern, source);
    examples.putIfAbsent(pattern, message.length() > 300 ? message.substring(0, 300) + "…" : message);
    return 1;
  }

  /** A message with what varies from one occurrence to the next blanked. Pure. */
  static String pattern(String message) {
    String p = message
        .replaceAll("\"[^\"]*\"", "\"…\"")
        .replaceAll("'[^']*'", "'…'")
        .replaceAll("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b", "<ip>")
        .replaceAll("\\b[0-9a-fA-F]{8,}\\b", "<hex>")
        .replaceAll("\\d+", "<n>");
    return p.length() > 200 ? p.substring(0, 200) + "…" : p;
  }

  private static Instant journalTime(String text) {
    try {
      return OffsetDateTime.parse(text, JOURNAL_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Instant local(String text, DateTimeFormatter format, MaintenanceContext context) {
    try {
      return LocalDateTime.parse(text, format).atZone(context.zone()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean inPeriod(Instant at, MaintenanceContext context) {
    return at != null && !at.isBefore(context.since());
  }
}
