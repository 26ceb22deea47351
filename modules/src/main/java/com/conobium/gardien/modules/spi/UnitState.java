package com.conobium.gardien.modules.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one systemd unit, as {@code gw_units} reports it.
 *
 * @param enabled {@code UnitFileState}: {@code enabled}, {@code disabled}, {@code masked}…, empty
 *     when the unit does not exist
 * @param active {@code ActiveState}: {@code active}, {@code inactive}, {@code failed}…
 */
public record UnitState(String enabled, String active) {
  private static final Set<String> RUNNING = Set.of("active", "reloading", "activating");

  /** A unit systemd does not know. */
  public static UnitState unknown() {
    return new UnitState("", "inactive");
  }

  public boolean isEnabled() {
    return enabled.equals("enabled");
  }

  public boolean isActive() {
    return active.equals("active");
  }

  /** Whether the unit runs or is about to. */
  public boolean isRunning() {
    return RUNNING.contains(active);
  }

  /** Parses {@code gw_units}' array into states by unit name ({@code nginx.service}). */
  public static Map<String, UnitState> parse(JsonNode lines) throws FactsException {
    if (lines == null || !lines.isArray()) {
      throw new FactsException("expected the unit lines array, got " + lines);
    }
    Map<String, UnitState> states = new HashMap<>();
    String id = null;
    String enabled = "";
    String active = "inactive";
    for (JsonNode line : lines) {
      String text = line.asText();
      int eq = text.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = text.substring(0, eq);
      String value = text.substring(eq + 1);
      switch (key) {
        case "Id" -> {
          if (id != null) {
            states.put(id, new UnitState(enabled, active));
          }
          id = value;
          enabled = "";
          active = "inactive";
        }
        case "UnitFileState" -> enabled = value;
        case "ActiveState" -> active = value;
        default -> { }
      }
    }
    if (id != null) {
      states.put(id, new UnitState(enabled, active));
    }
    return states;
  }
}
