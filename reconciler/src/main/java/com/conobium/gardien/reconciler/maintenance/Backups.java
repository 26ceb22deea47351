package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code backups}: every nightly backup of the period ran — a calendar of each day since the last
 * maintenance (or since the first recorded run) from the backup's own history, a day with only
 * failed runs or none failing the result; the last success is at most 26 hours old; each group of
 * snapshots (the files, each database) keeps no more than the retention's daily + monthly; and
 * {@code restic check} of every repository, run now with a subset of the data read back, passes.
 * The repository's size and the space's free bytes of the last run are reported.
 */
final class Backups extends ScriptOperation {
  static final String NAME = "backups";
  static final Duration FRESH = Duration.ofHours(26);
  private static final String TIMER = "gardien-backup.timer";
  private static final ObjectMapper JSON = new ObjectMapper();

  Backups() {
    super(NAME, "backups.sh");
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    boolean expected = context.expected().units().contains(TIMER);
    if (s.has("absent")) {
      return expected ? OperationResult.failed(NAME, "the nightly backup is not installed on the server", null)
          : OperationResult.notApplicable(NAME, "no nightly backup in this server's manifest (backup off, or no backupSpace)");
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    Map<String, String> last = keyValues(s.text("last-run"));
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    // the calendar
    Map<LocalDate, String> days = new TreeMap<>();
    Instant firstRun = null;
    for (String line : s.text("history").lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 3 || !f[0].matches("\\d+")) {
        continue;
      }
      Instant started = Instant.ofEpochSecond(Long.parseLong(f[0]));
      if (firstRun == null || started.isBefore(firstRun)) {
        firstRun = started;
      }
      if (started.isBefore(context.since())) {
        continue;
      }
      LocalDate day = started.atZone(context.zone()).toLocalDate();
      days.merge(day, f[2].equals("ok") ? "ok" : "failed", (a, b) -> a.equals("ok") || b.equals("ok") ? "ok" : "failed");
    }
    if (firstRun != null) {
      LocalDate from = (firstRun.isAfter(context.since()) ? firstRun : context.since()).atZone(context.zone()).toLocalDate();
      LocalDate today = context.now().atZone(context.zone()).toLocalDate();
      for (LocalDate d = from; d.isBefore(today); d = d.plusDays(1)) {
        days.putIfAbsent(d, "missing");
      }
    }
    ObjectNode calendar = details.putObject("calendar");
    days.forEach((day, status) -> calendar.put(day.toString(), status));
    List<String> failedDays = days.entrySet().stream().filter(e -> !e.getValue().equals("ok"))
        .map(e -> e.getKey() + " " + e.getValue()).toList();
    if (!failedDays.isEmpty()) {
      problems.add("nightly backups not done: " + String.join(", ", failedDays));
    }
    // the last run
    details.put("lastStatus", last.getOrDefault("status", "none"));
    if (!last.getOrDefault("message", "").isEmpty()) {
      details.put("lastMessage", last.get("message"));
    }
    long lastSuccess = number(last.get("lastSuccess"));
    if (lastSuccess > 0) {
      details.put("lastSuccess", Instant.ofEpochSecond(lastSuccess).toString());
    }
    if (lastSuccess == 0 || Instant.ofEpochSecond(lastSuccess).isBefore(context.now().minus(FRESH))) {
      problems.add(lastSuccess == 0 ? "no backup has ever succeeded"
          : "the last successful backup is older than 26 h (" + Instant.ofEpochSecond(lastSuccess) + ")");
    }
    if ("failed".equals(last.get("status"))) {
      problems.add("the last backup failed: " + last.getOrDefault("message", ""));
    }
    putNumber(details, "repositoryBytes", last.get("repositoryBytes"));
    putNumber(details, "spaceFreeBytes", last.get("spaceFreeBytes"));
    // the snapshots against the retention
    Map<String, Integer> keep = new HashMap<>();
    for (String line : s.text("retention").lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2 && f[1].matches("\\d+")) {
        keep.put(f[0], Integer.parseInt(f[1]));
      }
    }
    int limit = keep.getOrDefault("DAILY", 0) + keep.getOrDefault("MONTHLY", 0);
    Map<String, Integer> groups = snapshotGroups(s.text("snapshots"));
    ObjectNode snapshots = details.putObject("snapshots");
    groups.forEach(snapshots::put);
    if (limit > 0) {
      details.put("retention", keep.getOrDefault("DAILY", 0) + " daily + " + keep.getOrDefault("MONTHLY", 0) + " monthly");
      groups.forEach((group, count) -> {
        if (count > limit) {
          warnings.add(group + " keeps " + count + " snapshots, more than the retention's " + limit);
        }
      });
    }
    // the verification
    String check = s.text("check");
    int checkStatus = AptSimulation.status(check);
    details.put("check", checkStatus == 0 ? "ok" : "failed");
    details.set("checkOutput", Upgrades.strings(check.lines().filter(l -> !l.startsWith("status ")).limit(10).toList()));
    if (checkStatus != 0) {
      problems.add("restic check failed: " + check.lines().filter(l -> l.contains("failed")).findFirst().orElse(check.strip()));
    }
    if (!problems.isEmpty()) {
      return OperationResult.failed(NAME, String.join("; ", problems), details);
    }
    if (!warnings.isEmpty()) {
      return OperationResult.warning(NAME, String.join("; ", warnings), details);
    }
    return OperationResult.ok(NAME, days.size() + " night(s) backed up, the repositories verified", details);
  }

  /** Snapshots per group (tags and paths), from {@code restic snapshots --json}. */
  static Map<String, Integer> snapshotGroups(String json) {
    Map<String, Integer> groups = new TreeMap<>();
    JsonNode list;
    try {
      list = JSON.readTree(json.strip().isEmpty() ? "[]" : json.strip());
    } catch (JsonProcessingException e) {
      return groups;
    }
    for (JsonNode snap : list) {
      List<String> parts = new ArrayList<>();
      snap.path("tags").forEach(t -> parts.add(t.asText()));
      snap.path("paths").forEach(p -> parts.add(p.asText()));
      groups.merge(String.join(" ", parts), 1, Integer::sum);
    }
    return groups;
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> map = new HashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return map;
  }

  private static long number(String text) {
    return text != null && text.matches("\\d+") ? Long.parseLong(text) : 0;
  }

  private static void putNumber(ObjectNode node, String field, String text) {
    if (text != null && text.matches("\\d+")) {
      node.put(field, Long.parseLong(text));
    }
  }
}
