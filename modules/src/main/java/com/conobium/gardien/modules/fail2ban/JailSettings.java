package com.conobium.gardien.modules.fail2ban;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a Gardien jail file as people read them in a plan, parsed back from its text so
 * that a plan shows which settings differ ({@code jails sshd -> sshd, nginx-http-auth}) rather
 * than two hashes.
 *
 * @param values setting name to value, in display order: {@code jails}, {@code maxretry},
 *     {@code findtime}, {@code bantime}, {@code ignoreip}, {@code sshd port}
 */
record JailSettings(Map<String, String> values) {
  private static final List<String> DEFAULT_KEYS = List.of("maxretry", "findtime", "bantime", "ignoreip");

  JailSettings {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Parses a jail file; unknown lines are ignored, missing settings read as {@code unset}. */
  static JailSettings parse(String content) {
    Map<String, String> defaults = new LinkedHashMap<>();
    List<String> jails = new ArrayList<>();
    String sshdPort = "unset";
    String section = "";
    for (String raw : content.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (section.equals("DEFAULT")) {
        defaults.put(key, value);
      } else if (key.equals("enabled") && value.equals("true")) {
        jails.add(section);
      } else if (section.equals("sshd") && key.equals("port")) {
        sshdPort = value;
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("jails", jails.isEmpty() ? "none" : String.join(", ", jails));
    for (String key : DEFAULT_KEYS) {
      values.put(key, defaults.getOrDefault(key, "unset"));
    }
    values.put("sshd port", sshdPort);
    return new JailSettings(values);
  }

  /** Every setting, e.g. {@code jails sshd; maxretry 6; …}. */
  String describe() {
    List<String> parts = new ArrayList<>();
    values.forEach((key, value) -> parts.add(key + " " + value));
    return String.join("; ", parts);
  }

  /** The settings of this file that differ in {@code other}, as {@code describe} prints them. */
  String describeDifferencesFrom(JailSettings other) {
    List<String> parts = new ArrayList<>();
    values.forEach((key, value) -> {
      if (!value.equals(other.values.get(key))) {
        parts.add(key + " " + value);
      }
    });
    return String.join("; ", parts);
  }
}
