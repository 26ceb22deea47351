package com.conobium.gardien.reconciler.maintenance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fail2ban}: the server answers ({@code fail2ban-client ping}), each jail the manifest asks
 * for runs with the manifest's {@code maxretry}, and how many addresses each jail banned since the
 * last maintenance, counted from fail2ban's own log (its times are the server's local time).
 */
final class Fail2banCheck extends ScriptOperation {
  static final String NAME = "fail2ban";
  private static final Pattern BAN = Pattern.compile(
      "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})[,.]\\d+ .*\\[([^\\]]+)\\] Ban (\\S+)");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  Fail2banCheck() {
    super(NAME, "fail2ban.sh");
  }

  @Override
  public OperationResult judge(String output, MaintenanceContext context) {
    Sections s = Sections.parse(output);
    Map<String, Integer> expected = context.expected().jails();
    if (s.has("missing")) {
      return expected.isEmpty() ? OperationResult.notApplicable(NAME, "fail2ban is not part of this server's manifest")
          : OperationResult.failed(NAME, "fail2ban is not installed", null);
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    boolean answers = s.text("ping").contains("pong");
    details.put("answers", answers);
    if (!answers) {
      return OperationResult.failed(NAME, "fail2ban does not answer: " + s.text("ping").strip(), details);
    }
    Map<String, Integer> bans = bansSince(s.text("bans"), context);
    ObjectNode jails = details.putObject("jails");
    Map<String, String> running = s.withPrefix("jail");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> jail : running.entrySet()) {
      ObjectNode j = jails.putObject(jail.getKey());
      for (String line : jail.getValue().lines().toList()) {
        String[] f = line.strip().split("\\s+", 2);
        if (f.length == 2 && f[1].matches("\\d+")) {
          j.put(switch (f[0]) {
            case "maxretry" -> "maxRetry";
            case "banned" -> "bannedNow";
            default -> "bannedSinceStart";
          }, Integer.parseInt(f[1]));
        }
      }
      j.put("bansInPeriod", bans.getOrDefault(jail.getKey(), 0));
    }
    expected.forEach((name, retry) -> {
      if (!running.containsKey(name)) {
        problems.add("jail " + name + " is not running");
      } else if (jails.path(name).path("maxRetry").asInt(-1) != retry) {
        problems.add("jail " + name + " has maxretry " + jails.path(name).path("maxRetry").asText("?")
            + ", the manifest " + retry);
      }
    });
    int total = bans.values().stream().mapToInt(Integer::intValue).sum();
    details.put("bansInPeriod", total);
    if (!problems.isEmpty()) {
      return OperationResult.failed(NAME, String.join("; ", problems), details);
    }
    return OperationResult.ok(NAME, running.size() + " jail(s) running, " + total + " ban(s) since the last maintenance",
        details);
  }

  /** Bans per jail in the log lines, since the context's start. */
  static Map<String, Integer> bansSince(String log, MaintenanceContext context) {
    Map<String, Integer> bans = new TreeMap<>();
    for (String line : log.lines().toList()) {
      Matcher m = BAN.matcher(line);
      if (!m.find()) {
        continue;
      }
      try {
        LocalDateTime at = LocalDateTime.parse(m.group(1), TIME);
        if (!at.atZone(context.zone()).toInstant().isBefore(context.since())) {
          bans.merge(m.group(2), 1, Integer::sum);
        }
      } catch (DateTimeParseException e) {
        // not a line of fail2ban's
      }
    }
    return bans;
  }
}
