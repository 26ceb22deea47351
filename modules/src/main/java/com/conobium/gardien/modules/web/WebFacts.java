package com.conobium.gardien.modules.web;

import com.conobium.gardien.modules.spi.FactsException;
import com.conobium.gardien.modules.spi.PathProbe;
import com.conobium.gardien.modules.spi.PathState;
import com.conobium.gardien.modules.spi.UnitState;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What the web probe found.
 *
 * @param paths Gardien's nginx and PHP files and the ACME challenge directory, by path (a path not
 *     there is absent)
 * @param units the nginx and PHP-FPM units, by name ({@code nginx.service})
 */
public record WebFacts(Map<String, PathState> paths, Map<String, UnitState> units) {
  public WebFacts {
    paths = Map.copyOf(paths);
    units = Map.copyOf(units);
  }

  /** The state of {@code unit}; unknown when the probe did not report it. */
  public UnitState unit(String unit) {
    return units.getOrDefault(unit, UnitState.unknown());
  }

  /** Parses the probe's JSON. */
  static WebFacts parse(JsonNode json) throws FactsException {
    if (json == null || !json.isObject()) {
      throw new FactsException("web probe: expected an object, got " + json);
    }
    if (json.path("enabled").isBoolean() && !json.get("enabled").booleanValue()) {
      return new WebFacts(Map.of(), Map.of());
    }
    return new WebFacts(PathProbe.parse(json.get("paths")), UnitState.parse(json.get("units")));
  }
}
